import type { GameState, UnitId } from '@mamoru/domain';
import type { ActionBase, ActionResult } from '@mamoru/engine';
import { Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal';
import { AppError } from '../errors/app-error';
import { GameRegistry } from '../games/game-registry';
import type { LiveGame } from '../games/live-game';
import { assertMemberUnit, assertTeamActor, assertTeamReader } from './team-access';

/** Who acts for which team, under which client key. */
export interface TeamActor {
  gameId: string;
  teamId: string;
  principal: Principal;
  /** The request's Idempotency-Key. */
  key: string;
}

/** What an action is given: the engine's action base plus who acts. */
export interface ActingMember extends ActionBase {
  memberId: string;
  /** The account login, for events that record who decided (the audit trail). */
  by: string;
}

/** The engine's action base, without who acts (an action that records the member says so itself). */
export function base(member: { teamId: string; atMinute: number; key: string }) {
  return { teamId: member.teamId, atMinute: member.atMinute, key: member.key };
}

/** The unit an action belongs to: fixed, none (any member), or read from the state (a response's inbox item). */
export type UnitOfAction = UnitId | undefined | ((state: GameState) => UnitId);

/**
 * The one way into a team (game-model §2): who may read it, and how an action is run — checked
 * against the team and the acting member's units, timed in the game minute, and announced to the
 * other processes once it appended.
 */
@Injectable()
export class TeamGate {
  constructor(private readonly registry: GameRegistry) {}

  /** The game and its state, for a member of the team or an organiser. */
  async read(gameId: string, teamId: string, principal: Principal): Promise<{ game: LiveGame; state: GameState }> {
    assertTeamReader(principal, gameId, teamId);
    const game = await this.registry.get(gameId);
    const state = await game.state();
    if (!state.teams[teamId]) throw new AppError(404, 'NOT_FOUND', `no team "${teamId}" in game "${gameId}"`);
    return { game, state };
  }

  /** For the team's members (any unit): the team's game, without acting (the shop's console reads). */
  async member(actor: Omit<TeamActor, 'key'>, unit: UnitId | undefined): Promise<LiveGame> {
    assertTeamActor(actor.principal, actor.gameId, actor.teamId);
    const game = await this.registry.get(actor.gameId);
    assertMemberUnit(await game.state(), actor.principal, actor.teamId, unit);
    return game;
  }

  async act(
    actor: TeamActor,
    unit: UnitOfAction,
    perform: (game: LiveGame, member: ActingMember) => Promise<ActionResult>,
  ): Promise<ActionResult> {
    const { gameId, teamId, principal, key } = actor;
    assertTeamActor(principal, gameId, teamId);
    const game = await this.registry.get(gameId);
    const state = await game.state();
    if (!state.teams[teamId]) throw new AppError(404, 'NOT_FOUND', `no team "${teamId}" in game "${gameId}"`);
    const seqBefore = state.seq; // the state is live: it moves on as the log does
    const member = assertMemberUnit(state, principal, teamId, typeof unit === 'function' ? unit(state) : unit);
    const atMinute = await game.actionMinute();
    const result = await perform(game, { teamId, atMinute, key, memberId: member.memberId, by: principal.login });
    // Other server processes and the clock leader learn of it (the runner reacts to new actions at once).
    if (result.applied && result.seq > seqBefore) await game.afterAppend(result.seq);
    return result;
  }
}
