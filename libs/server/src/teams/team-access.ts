import type { GameState, MemberState, UnitId } from '@mamoru/domain';
import type { Principal } from '../auth/principal';
import { AppError } from '../errors/app-error';

/**
 * Who may see and act for a team (game-model §2). A team's dashboard and ledger are for its own
 * members and for organisers; only its own members act for it, and a unit's actions only by a
 * member who holds that unit now (the log says so, not the token: a management member may have
 * moved them since they signed in).
 */

/** A member of this team in this game, or an organiser: may read the team's dashboard and ledger. */
export function assertTeamReader(principal: Principal, gameId: string, teamId: string): void {
  if (principal.role === 'organiser') return;
  assertOwnTeam(principal, gameId, teamId);
}

/** Only a member of this team in this game may act for it; organisers may not act as a team. */
export function assertTeamActor(principal: Principal, gameId: string, teamId: string): void {
  if (principal.role === 'organiser')
    throw new AppError(403, 'FORBIDDEN', 'Organisers may look at a team, but not act as one.');
  assertOwnTeam(principal, gameId, teamId);
}

function assertOwnTeam(principal: Principal, gameId: string, teamId: string): void {
  if (principal.role !== 'member' || principal.gameId !== gameId || principal.teamId !== teamId)
    throw new AppError(403, 'FORBIDDEN', 'Only members of this team may do this.');
}

/**
 * The acting member as the log knows them, holding `unit` when one is given (a unit's action);
 * 403 WRONG_UNIT when they do not hold it.
 */
export function assertMemberUnit(
  state: GameState,
  principal: Principal,
  teamId: string,
  unit: UnitId | undefined,
): MemberState {
  const member = principal.memberId === undefined ? undefined : state.members[principal.memberId];
  if (!member || member.teamId !== teamId)
    throw new AppError(403, 'FORBIDDEN', 'This account is not a member of this team.');
  if (unit !== undefined && !member.units.includes(unit)) {
    const name = state.scenario?.units.find((u) => u.id === unit)?.name.en ?? unit;
    throw new AppError(403, 'WRONG_UNIT', `Only a member of the ${name} unit (${unit}) may do this.`);
  }
  return member;
}
