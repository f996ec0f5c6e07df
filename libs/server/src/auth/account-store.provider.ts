import { openAccountStore, type EventStore } from '@mamoru/event-store';
import type { Provider } from '@nestjs/common';
import { EVENT_STORE } from '../infra/tokens';

/** The accounts repository (`@mamoru/event-store`), in the server's event-store database. */
export const ACCOUNT_STORE = Symbol('ACCOUNT_STORE');

export const accountStoreProvider: Provider = {
  provide: ACCOUNT_STORE,
  inject: [EVENT_STORE],
  useFactory: (store: EventStore) => openAccountStore(store),
};
