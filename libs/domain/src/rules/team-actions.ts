import type { EventData } from '../events/events';
import type { GameState, TeamState } from '../fold/state';
import { marketItemById, productById } from '../scenario/scenario';
import type { UnitId } from '../scenario/schema';

/**
 * The rules of what a team may do (game-model §4-§6): each decision takes the current state and a
 * request and returns the payload of the event to append, or throws a RuleViolation. The engine's
 * team-action service (for the API and the bots alike) only adds locking, idempotency and shops.
 */
export type RuleViolationCode = 'NOT_FOUND' | 'INVALID' | 'INSUFFICIENT_CASH' | 'CONFLICT' | 'GAME_OVER';

export class RuleViolation extends Error {
  constructor(
    readonly code: RuleViolationCode,
    message: string,
  ) {
    super(message);
  }
}

const MAX_ORDER_QUANTITY = 100_000;
const MAX_PRICE_YEN = 100_000_000;
const MAX_RESPONSE_CHARS = 20_000;
const MAX_NOTICE_CHARS = 5000;

const yen = (amount: number) => `¥${amount.toLocaleString('en-US')}`;

/** The team that acts, in a game that still runs. */
export function actingTeam(state: GameState, teamId: string): TeamState {
  if (state.ended) throw new RuleViolation('GAME_OVER', 'the game has ended');
  // Teams act while the clock runs: a paused game is paused for everyone (game-model §3).
  if (state.clock.status === 'paused') throw new RuleViolation('CONFLICT', 'the game is paused');
  if (state.clock.status === 'created') throw new RuleViolation('CONFLICT', 'the game has not started yet');
  const team = state.teams[teamId];
  if (!team) throw new RuleViolation('NOT_FOUND', `no team "${teamId}"`);
  return team;
}

/** A stock order is paid at once from cash, at the product's unit cost; negative cash buys nothing. */
export function decideStockOrder(
  state: GameState,
  team: TeamState,
  request: { productId: string; quantity: number; atMinute: number },
): EventData<'stock.ordered'> {
  const product = productById(state.scenario!, request.productId);
  if (!product) throw new RuleViolation('NOT_FOUND', `no product "${request.productId}"`);
  if (!Number.isInteger(request.quantity) || request.quantity < 1 || request.quantity > MAX_ORDER_QUANTITY) {
    throw new RuleViolation('INVALID', 'quantity must be a whole number from 1 to 100,000');
  }
  const cost = product.unitCostYen * request.quantity;
  if (team.cashYen < cost) {
    throw new RuleViolation('INSUFFICIENT_CASH', `the order costs ${yen(cost)} but cash is ${yen(team.cashYen)}`);
  }
  return {
    teamId: team.teamId,
    productId: product.id,
    quantity: request.quantity,
    unitCostYen: product.unitCostYen,
    atMinute: request.atMinute,
  };
}

export function decidePrice(
  state: GameState,
  team: TeamState,
  request: { productId: string; priceYen: number; atMinute: number },
): EventData<'price.set'> {
  if (!productById(state.scenario!, request.productId))
    throw new RuleViolation('NOT_FOUND', `no product "${request.productId}"`);
  if (!Number.isInteger(request.priceYen) || request.priceYen < 1 || request.priceYen > MAX_PRICE_YEN) {
    throw new RuleViolation('INVALID', 'price must be a whole number of yen from 1 to 100,000,000');
  }
  return { teamId: team.teamId, productId: request.productId, priceYen: request.priceYen, atMinute: request.atMinute };
}

/**
 * A response to an inbox item that asks for one, replaceable until graded; only a complaint's
 * response may grant compensation, paid from cash (a replacement pays the difference).
 */
export function decideResponse(
  team: TeamState,
  request: { injectId: string; text: string; compensationYen?: number; memberId?: string; atMinute: number },
): EventData<'response.submitted'> {
  const item = team.inbox[request.injectId];
  if (!item) throw new RuleViolation('NOT_FOUND', `no inbox item "${request.injectId}" for this team`);
  if (item.pointsMilli === undefined) throw new RuleViolation('INVALID', 'this inbox item asks for no response');
  if (item.grade) throw new RuleViolation('CONFLICT', 'the response has been graded and can no longer be replaced');
  if (request.text.length === 0 || request.text.length > MAX_RESPONSE_CHARS) {
    throw new RuleViolation('INVALID', 'a response is 1 to 20,000 characters');
  }
  const compensationYen = request.compensationYen ?? 0;
  if (!Number.isInteger(compensationYen) || compensationYen < 0) {
    throw new RuleViolation('INVALID', 'compensation must be a whole number of yen');
  }
  if (compensationYen > 0 && item.kind !== 'complaint') {
    throw new RuleViolation('INVALID', 'only a complaint response can grant compensation');
  }
  const delta = compensationYen - (item.response?.compensationYen ?? 0);
  if (delta > 0 && team.cashYen < delta)
    throw new RuleViolation('INSUFFICIENT_CASH', 'not enough cash for that compensation');
  return {
    injectId: request.injectId,
    teamId: team.teamId,
    memberId: request.memberId,
    text: request.text,
    compensationYen: request.compensationYen,
    atMinute: request.atMinute,
  };
}

/** Borrowing up to the scenario's limit on what is outstanding. */
export function decideLoan(
  state: GameState,
  team: TeamState,
  request: { amountYen: number; atMinute: number },
): EventData<'loan.taken'> {
  const limit = state.scenario!.economy.loanLimitYen;
  if (!Number.isInteger(request.amountYen) || request.amountYen < 1) {
    throw new RuleViolation('INVALID', 'a loan is a positive whole number of yen');
  }
  if (team.loanYen + request.amountYen > limit) {
    throw new RuleViolation('INVALID', `the loan limit is ${yen(limit)} (outstanding ${yen(team.loanYen)})`);
  }
  return { teamId: team.teamId, amountYen: request.amountYen, atMinute: request.atMinute };
}

export function decideRepayment(
  team: TeamState,
  request: { amountYen: number; atMinute: number },
): EventData<'loan.repaid'> {
  if (!Number.isInteger(request.amountYen) || request.amountYen < 1) {
    throw new RuleViolation('INVALID', 'a repayment is a positive whole number of yen');
  }
  if (request.amountYen > team.loanYen) throw new RuleViolation('INVALID', `only ${yen(team.loanYen)} is outstanding`);
  if (request.amountYen > team.cashYen)
    throw new RuleViolation('INSUFFICIENT_CASH', 'not enough cash to repay that much');
  return { teamId: team.teamId, amountYen: request.amountYen, atMinute: request.atMinute };
}

/** A public notice shown on the team's shop; its text is stored as written, trimmed. */
export function decideNotice(
  team: TeamState,
  request: { text: string; atMinute: number },
): EventData<'notice.published'> {
  const text = request.text.trim();
  if (text.length === 0 || text.length > MAX_NOTICE_CHARS)
    throw new RuleViolation('INVALID', 'a notice is 1 to 5,000 characters');
  return { teamId: team.teamId, text, atMinute: request.atMinute };
}

/** One advertising campaign on the scenario's terms, paid at once from cash (sales). */
export function decideAd(state: GameState, team: TeamState, request: { atMinute: number }): EventData<'ad.bought'> {
  const { adCostYen, adBoost, adMinutes } = state.scenario!.economy;
  if (team.cashYen < adCostYen) {
    throw new RuleViolation('INSUFFICIENT_CASH', `a campaign costs ${yen(adCostYen)} but cash is ${yen(team.cashYen)}`);
  }
  return {
    teamId: team.teamId,
    costYen: adCostYen,
    boost: adBoost,
    durationMinutes: adMinutes,
    atMinute: request.atMinute,
  };
}

/** Any member may ask for a marketplace item; it is bought only once management approves (稟議). */
export function decideMarketRequest(
  state: GameState,
  team: TeamState,
  request: { requestId: string; itemId: string; memberId?: string; note?: string; atMinute: number },
): EventData<'market.requested'> {
  if (!marketItemById(state.scenario!, request.itemId))
    throw new RuleViolation('NOT_FOUND', `no marketplace item "${request.itemId}"`);
  if (team.market[request.requestId]) throw new RuleViolation('CONFLICT', 'that request id is taken');
  const pending = Object.values(team.market).filter((r) => r.status === 'requested' && r.itemId === request.itemId);
  if (pending.length > 0) throw new RuleViolation('CONFLICT', 'this item already waits for approval');
  if (request.note !== undefined && request.note.length > 2000)
    throw new RuleViolation('INVALID', 'a note is at most 2,000 characters');
  return { ...request, teamId: team.teamId };
}

/** Management approves (the item is charged now) or rejects a waiting request. */
export function decideMarketDecision(
  state: GameState,
  team: TeamState,
  request: { requestId: string; approved: boolean; by: string; atMinute: number },
): EventData<'market.decided'> {
  const pending = team.market[request.requestId];
  if (!pending) throw new RuleViolation('NOT_FOUND', `no marketplace request "${request.requestId}"`);
  if (pending.status !== 'requested') throw new RuleViolation('CONFLICT', `the request was already ${pending.status}`);
  const item = marketItemById(state.scenario!, pending.itemId);
  const priceYen = request.approved ? (item?.priceYen ?? 0) : 0;
  if (request.approved && team.cashYen < priceYen) {
    throw new RuleViolation('INSUFFICIENT_CASH', `the item costs ${yen(priceYen)} but cash is ${yen(team.cashYen)}`);
  }
  return {
    requestId: request.requestId,
    teamId: team.teamId,
    approved: request.approved,
    priceYen,
    by: request.by,
    atMinute: request.atMinute,
  };
}

/** Management re-staffs units (after a transfer): a member holds one or two of the scenario's units. */
export function decideMemberMove(
  state: GameState,
  team: TeamState,
  request: { memberId: string; units: UnitId[]; by: string; atMinute: number },
): EventData<'member.moved'> {
  const member = state.members[request.memberId];
  if (!member || member.teamId !== team.teamId)
    throw new RuleViolation('NOT_FOUND', `no member "${request.memberId}" in this team`);
  const units = [...new Set(request.units)];
  if (units.length < 1 || units.length > 2 || units.length !== request.units.length)
    throw new RuleViolation('INVALID', 'a member belongs to one or two different units');
  const known = new Set(state.scenario!.units.map((u) => u.id));
  const unknown = units.find((u) => !known.has(u));
  if (unknown) throw new RuleViolation('INVALID', `this game has no unit "${unknown}"`);
  return { memberId: member.memberId, units, by: request.by, atMinute: request.atMinute };
}
