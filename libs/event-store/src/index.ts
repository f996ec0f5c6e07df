export {
  openEventStore,
  SNAPSHOTS_KEPT,
  APPEND_CHUNK_ROWS,
  type AppendResult,
  type EventStore,
  type OpenEventStoreOptions,
  type ReadRange,
  type Snapshot,
} from './event-store';
export { EventStoreError, redactDatabaseUrl, type EventStoreErrorCode } from './errors';
export { MIGRATIONS, type Migration } from './migrations';
export { postgresReachable } from './postgres-available';
export {
  ACCOUNT_ROLES,
  openAccountStore,
  type Account,
  type AccountChanges,
  type AccountFilter,
  type AccountRole,
  type AccountStore,
  type NewAccount,
} from './accounts';
