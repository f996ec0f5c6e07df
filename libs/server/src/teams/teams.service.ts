import type { GameState, TeamHistory, TeamView, UnitId } from '@mamoru/domain';
import { teamView, ACTION_UNITS } from '@mamoru/domain';
import type { ActionResult } from '@mamoru/engine';
import { Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal';
import { AppError } from '../errors/app-error';
import { GameRegistry } from '../games/game-registry';
import type { LedgerPage } from './ledger-cache';
import { LedgerCache } from './ledger-cache';
import type { TeamActor } from './team-gate';
import { base, TeamGate } from './team-gate';

/**
 * A team's dashboard, ledger and business actions (game-model §2, §4-§6, §8). Each action is a
 * call of the engine's TeamActionService, which decides it by the rules of libs/domain under the
 * client's idempotency key; here it is only authorised and timed.
 */
@Injectable()
export class TeamsService {
  private readonly ledgers: LedgerCache;

  constructor(
    private readonly gate: TeamGate,
    registry: GameRegistry,
  ) {
    this.ledgers = new LedgerCache((gameId, range) => registry.store.read(gameId, range));
  }

  async view(gameId: string, teamId: string, principal: Principal): Promise<TeamView> {
    const { state } = await this.gate.read(gameId, teamId, principal);
    return teamView(state, teamId, Date.now());
  }

  async history(gameId: string, teamId: string, principal: Principal): Promise<TeamHistory> {
    const { game } = await this.gate.read(gameId, teamId, principal);
    return game.teamHistory(teamId);
  }

  async ledger(
    gameId: string,
    teamId: string,
    principal: Principal,
    page: { afterSeq: number; limit: number },
  ): Promise<LedgerPage> {
    const { state } = await this.gate.read(gameId, teamId, principal);
    return this.ledgers.page(gameId, state.seq, teamId, page.afterSeq, page.limit);
  }

  /** A response to an inbox item, by a member of the unit it is addressed to; replaceable until graded. */
  submitResponse(
    actor: TeamActor,
    injectId: string,
    body: { text: string; compensationYen?: number },
  ): Promise<ActionResult> {
    return this.gate.act(
      actor,
      (state) => inboxUnit(state, actor.teamId, injectId),
      (game, member) =>
        game.host.actions.submitResponse({
          ...base(member),
          memberId: member.memberId,
          injectId,
          text: body.text,
          compensationYen: body.compensationYen,
        }),
    );
  }

  orderStock(actor: TeamActor, body: { productId: string; quantity: number }): Promise<ActionResult> {
    return this.gate.act(actor, ACTION_UNITS.stockOrder, (game, member) =>
      game.host.actions.orderStock({ ...base(member), ...body }),
    );
  }

  setPrice(actor: TeamActor, body: { productId: string; priceYen: number }): Promise<ActionResult> {
    return this.gate.act(actor, ACTION_UNITS.price, (game, member) =>
      game.host.actions.setPrice({ ...base(member), ...body }),
    );
  }

  buyAd(actor: TeamActor): Promise<ActionResult> {
    return this.gate.act(actor, ACTION_UNITS.ad, (game, member) => game.host.actions.buyAd(base(member)));
  }

  /** Any member asks for a marketplace item; the Idempotency-Key is the request's id. */
  requestMarketItem(actor: TeamActor, body: { itemId: string; note?: string }): Promise<ActionResult> {
    if (actor.key.length > 100)
      throw new AppError(
        400,
        'IDEMPOTENCY_KEY_REQUIRED',
        'A marketplace request id (its Idempotency-Key) is at most 100 characters.',
      );
    return this.gate.act(actor, ACTION_UNITS.marketRequest, (game, member) =>
      game.host.actions.requestMarketItem({
        ...base(member),
        memberId: member.memberId,
        itemId: body.itemId,
        note: body.note,
      }),
    );
  }

  /** 稟議: management approves (charged now) or rejects a waiting request. */
  decideMarketRequest(actor: TeamActor, requestId: string, body: { approved: boolean }): Promise<ActionResult> {
    return this.gate.act(actor, ACTION_UNITS.marketDecision, (game, member) =>
      game.host.actions.decideMarketRequest({ ...base(member), requestId, approved: body.approved, by: member.by }),
    );
  }

  takeLoan(actor: TeamActor, body: { amountYen: number }): Promise<ActionResult> {
    return this.gate.act(actor, ACTION_UNITS.loan, (game, member) =>
      game.host.actions.takeLoan({ ...base(member), ...body }),
    );
  }

  repayLoan(actor: TeamActor, body: { amountYen: number }): Promise<ActionResult> {
    return this.gate.act(actor, ACTION_UNITS.repayment, (game, member) =>
      game.host.actions.repayLoan({ ...base(member), ...body }),
    );
  }

  publishNotice(actor: TeamActor, body: { text: string }): Promise<ActionResult> {
    return this.gate.act(actor, ACTION_UNITS.notice, (game, member) =>
      game.host.actions.publishNotice({ ...base(member), ...body }),
    );
  }

  /** Management re-staffs a member of the team (after a transfer). */
  moveMember(actor: TeamActor, memberId: string, body: { units: UnitId[] }): Promise<ActionResult> {
    return this.gate.act(actor, ACTION_UNITS.memberMove, (game, member) =>
      game.host.actions.moveMember({ ...base(member), memberId, units: body.units, by: member.by }),
    );
  }
}

/** The unit an inbox item is addressed to: only its members may answer it. */
function inboxUnit(state: GameState, teamId: string, injectId: string): UnitId {
  const item = state.teams[teamId].inbox[injectId];
  if (!item) throw new AppError(404, 'NOT_FOUND', `no inbox item "${injectId}" for this team`);
  return item.unit;
}
