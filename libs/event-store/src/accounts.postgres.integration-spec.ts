import { accountStoreContract } from './accounts.contract';
import { openEventStore, type EventStore } from './index';
import { postgresReachable } from './postgres-available';

/** The database these tests use (the same default as libs/testing's). */
const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

// Opening a database takes seconds; jest's root `projects` run ignores the preset's testTimeout.
jest.setTimeout(60_000);

const pgAvailable = postgresReachable(TEST_DATABASE_URL);
if (!pgAvailable) {
  const line = '!'.repeat(100);
  console.warn(
    `${line}\n!!! PostgreSQL not reachable at ${new URL(TEST_DATABASE_URL).host}: the Postgres account-store tests are SKIPPED.\n` +
      `!!! Start PostgreSQL there or set TEST_DATABASE_URL=postgres://user@host:port/db to run them.\n${line}`,
  );
}
const describeIfPg = pgAvailable ? describe : describe.skip;

describeIfPg('account store on PostgreSQL', () => {
  let store: EventStore;
  beforeAll(async () => {
    store = await openEventStore({ databaseUrl: TEST_DATABASE_URL });
  });
  afterAll(async () => {
    await store?.close();
  });

  accountStoreContract(() => store);
});
