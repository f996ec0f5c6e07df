/** The server's EventStore (`@mamoru/event-store`): every game's log, and the accounts. */
export const EVENT_STORE = Symbol('EVENT_STORE');
/** The server's ioredis client (`maxRetriesPerRequest: null`, as BullMQ wants). Use `duplicate()` for subscribers. */
export const REDIS = Symbol('REDIS');
