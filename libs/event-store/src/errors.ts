/** What went wrong, for callers that branch on it (the CLI prints the message and exits). */
export type EventStoreErrorCode =
  | 'CONNECT' // the database cannot be reached or opened
  | 'LOCKED' // a PGlite data dir is already open in another store
  | 'MIGRATE' // the schema could not be brought up to date
  | 'INVALID' // the caller passed something the store cannot write (bad key, non-JSON data, ...)
  | 'APPEND' // an append failed in the database and was rolled back
  | 'QUERY' // any other statement failed
  | 'CLOSED'; // the store was used after close()

export class EventStoreError extends Error {
  override readonly name = 'EventStoreError';
  constructor(
    readonly code: EventStoreErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** `postgres://user:secret@host:5432/db?x=y` → `postgres://user@host:5432/db`: safe to log. */
export function redactDatabaseUrl(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    url.password = '';
    url.search = '';
    return url.toString();
  } catch {
    return '<unparseable database URL>';
  }
}

/** `host:port/database` of a Postgres URL, for messages. */
export function describeDatabaseUrl(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    const host = url.hostname || 'localhost';
    const port = url.port || '5432';
    const db = decodeURIComponent(url.pathname.replace(/^\//, '')) || '(default database)';
    return `${host}:${port}/${db}`;
  } catch {
    return '<unparseable database URL>';
  }
}

interface PgLikeError {
  code?: string;
  message?: string;
}

function pgCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && typeof (error as PgLikeError).code === 'string') {
    return (error as PgLikeError).code;
  }
  return undefined;
}

/** The message of anything thrown (also errors from another realm, where instanceof fails). */
export function errorMessage(error: unknown): string {
  if (typeof error === 'object' && error !== null) {
    const { errors, message } = error as { errors?: unknown; message?: unknown };
    if (Array.isArray(errors) && errors.length > 0 && !message) return errors.map(errorMessage).join('; ');
    if (typeof message === 'string') return message;
  }
  return String(error);
}

/** Turns a failure to open a Postgres connection into a message that says what to do. */
export function connectError(databaseUrl: string, error: unknown): EventStoreError {
  const where = describeDatabaseUrl(databaseUrl);
  const nested = (error as { errors?: unknown } | null)?.errors;
  const code = pgCode(error) ?? (Array.isArray(nested) ? pgCode(nested[0]) : undefined);
  let hint: string;
  switch (code ?? '') {
    case 'ECONNREFUSED':
      hint = `nothing accepts connections there: start PostgreSQL (or fix the host/port in DATABASE_URL), or unset DATABASE_URL to use the embedded PGlite store`;
      break;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      hint = `the host name does not resolve: fix the host in DATABASE_URL`;
      break;
    case 'ETIMEDOUT':
      hint = `the connection timed out: check that the server is up and that no firewall blocks the port`;
      break;
    case '28P01':
    case '28000':
      hint = `authentication failed: check the user and password in DATABASE_URL and pg_hba.conf`;
      break;
    case '3D000':
      hint = `the database does not exist: create it (e.g. \`createdb -h <host> -U <user> <database>\`) or fix the name in DATABASE_URL`;
      break;
    default:
      hint = `check that PostgreSQL runs there and that DATABASE_URL is right`;
  }
  return new EventStoreError(
    'CONNECT',
    `Cannot connect to PostgreSQL at ${where} (${code ?? 'error'}: ${errorMessage(error)}): ${hint}.`,
    { cause: error },
  );
}

/** Postgres' own message for `\u0000` inside a jsonb value. */
export function isNulInJsonError(error: unknown): boolean {
  return (
    pgCode(error) === '22P05' ||
    /unsupported Unicode escape sequence|\\u0000 cannot be converted/.test(errorMessage(error))
  );
}
