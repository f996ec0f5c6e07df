import type { AccountRole } from '@mamoru/event-store';

export type Role = AccountRole;

/** Who makes a request, as its access token says. Members carry their game, team and member ids. */
export interface Principal {
  accountId: string;
  role: Role;
  login: string;
  gameId?: string;
  teamId?: string;
  memberId?: string;
}
