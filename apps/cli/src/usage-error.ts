/** A command line that cannot be run as given: printed as `mamoru: <message>`, exit 1. */
export class UsageError extends Error {}
