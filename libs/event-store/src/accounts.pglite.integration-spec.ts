import { accountStoreContract } from './accounts.contract';
import { EventStoreError, openAccountStore, openEventStore, type EventStore } from './index';

// Opening PGlite takes seconds; jest's root `projects` run ignores the preset's testTimeout.
jest.setTimeout(60_000);

describe('account store on PGlite (in memory)', () => {
  let store: EventStore;
  beforeAll(async () => {
    store = await openEventStore({});
  });
  afterAll(async () => {
    await store?.close();
  });

  accountStoreContract(() => store);

  it('closes with its event store', async () => {
    const own = await openEventStore({});
    const accounts = openAccountStore(own);
    await own.close();
    await expect(accounts.findByLogin('admin')).rejects.toMatchObject({ code: 'CLOSED' });
  });

  it('refuses a store that openEventStore did not open', () => {
    expect(() => openAccountStore({ ...store })).toThrow(EventStoreError);
  });
});
