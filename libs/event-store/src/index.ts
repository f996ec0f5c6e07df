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
