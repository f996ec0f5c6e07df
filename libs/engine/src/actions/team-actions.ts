import type { GameState, NewEvent, RuleViolationCode, TeamState, UnitId } from '@mamoru/domain';
import {
  actingTeam,
  decideAd,
  decideMarketDecision,
  decideMarketRequest,
  decideMemberMove,
  decideLoan,
  decideNotice,
  decidePrice,
  decideRepayment,
  decideResponse,
  decideStockOrder,
  MS_PER_MINUTE,
  newEvent,
  RuleViolation,
} from '@mamoru/domain';
import type { ShopSettings } from '@mamoru/sandbox';
import { ShopOpsClient } from '@mamoru/sandbox';
import type { GameContext } from '../game/game-context';

export type TeamActionErrorCode = RuleViolationCode | 'SHOP_UNREACHABLE';

export class TeamActionError extends Error {
  constructor(
    readonly code: TeamActionErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface ActionBase {
  teamId: string;
  /** Game minute at which the team acts. */
  atMinute: number;
  /** Client-supplied idempotency key: a retried request with the same key acts once. */
  key: string;
}

export interface ActionResult {
  /** False when the key had been used already: nothing was done again. */
  applied: boolean;
  seq: number;
}

/** What the bots use: the service itself in process, or a client of the HTTP API (demo). */
export type TeamActions = Pick<
  TeamActionService,
  | 'orderStock'
  | 'setPrice'
  | 'submitResponse'
  | 'takeLoan'
  | 'repayLoan'
  | 'publishNotice'
  | 'updateShopSettings'
  | 'changeAdminPassword'
  | 'backupShop'
  | 'restoreShop'
  | 'resyncShop'
>;

/**
 * What a team can do (game-model §2, §4-§6), for the API and the bots alike. Each action decides
 * its event by the rules of libs/domain (`rules/team-actions.ts`) on the current state, appends it
 * under the team's idempotency key, and pushes what the shop must show (prices, stock, notices) to
 * the team's own shop.
 */
export class TeamActionService {
  private readonly locks = new Map<string, Promise<unknown>>();

  constructor(private readonly ctx: GameContext) {}

  async orderStock(a: ActionBase & { productId: string; quantity: number }): Promise<ActionResult> {
    return this.act(
      a,
      (state, team) => newEvent('stock.ordered', decideStockOrder(state, team, a), this.key(a), this.gameMs(a)),
      (state) => this.syncCatalog(state, a.teamId),
    );
  }

  async setPrice(a: ActionBase & { productId: string; priceYen: number }): Promise<ActionResult> {
    return this.act(
      a,
      (state, team) => newEvent('price.set', decidePrice(state, team, a), this.key(a), this.gameMs(a)),
      (state) => this.syncCatalog(state, a.teamId),
    );
  }

  async submitResponse(
    a: ActionBase & { injectId: string; text: string; compensationYen?: number; memberId?: string },
  ): Promise<ActionResult> {
    return this.act(a, (_state, team) =>
      newEvent('response.submitted', decideResponse(team, a), this.key(a), this.gameMs(a)),
    );
  }

  async takeLoan(a: ActionBase & { amountYen: number }): Promise<ActionResult> {
    return this.act(a, (state, team) =>
      newEvent('loan.taken', decideLoan(state, team, a), this.key(a), this.gameMs(a)),
    );
  }

  async repayLoan(a: ActionBase & { amountYen: number }): Promise<ActionResult> {
    return this.act(a, (_state, team) =>
      newEvent('loan.repaid', decideRepayment(team, a), this.key(a), this.gameMs(a)),
    );
  }

  async publishNotice(a: ActionBase & { text: string }): Promise<ActionResult> {
    return this.act(
      a,
      (_state, team) => newEvent('notice.published', decideNotice(team, a), this.key(a), this.gameMs(a)),
      (state) => this.ops(a.teamId).syncNotices(state.teams[a.teamId].notices),
    );
  }

  /** One advertising campaign on the scenario's terms (sales). */
  async buyAd(a: ActionBase): Promise<ActionResult> {
    return this.act(a, (state, team) => newEvent('ad.bought', decideAd(state, team, a), this.key(a), this.gameMs(a)));
  }

  /** Any member asks for a marketplace item; the request id is the idempotency key. */
  async requestMarketItem(a: ActionBase & { itemId: string; memberId?: string; note?: string }): Promise<ActionResult> {
    return this.act(a, (state, team) =>
      newEvent(
        'market.requested',
        decideMarketRequest(state, team, { ...a, requestId: a.key }),
        this.key(a),
        this.gameMs(a),
      ),
    );
  }

  /** A management member approves (charged now) or rejects a request (稟議). */
  async decideMarketRequest(
    a: ActionBase & { requestId: string; approved: boolean; by: string },
  ): Promise<ActionResult> {
    return this.act(a, (state, team) =>
      newEvent('market.decided', decideMarketDecision(state, team, a), this.key(a), this.gameMs(a)),
    );
  }

  /** Management moves a member of the team to other units (after a transfer). */
  async moveMember(a: ActionBase & { memberId: string; units: UnitId[]; by: string }): Promise<ActionResult> {
    return this.act(a, (state, team) =>
      newEvent('member.moved', decideMemberMove(state, team, a), this.key(a), this.gameMs(a)),
    );
  }

  /** Ops console: change the shop's settings (how most vulnerabilities are fixed). */
  async updateShopSettings(a: ActionBase & { settings: Partial<ShopSettings> }): Promise<ActionResult> {
    return this.shopOperation(a, 'settings', { ...a.settings }, () => this.ops(a.teamId).updateSettings(a.settings));
  }

  async changeAdminPassword(a: ActionBase & { password: string }): Promise<ActionResult> {
    if (a.password.length < 8 || a.password.length > 200)
      throw new TeamActionError('INVALID', 'the admin password must be 8 to 200 characters');
    return this.shopOperation(a, 'admin-password', { changed: true }, () =>
      this.ops(a.teamId).setAdminPassword(a.password),
    );
  }

  /** Takes a backup of the shop's content, accounts and settings: a later restore returns to it. */
  async backupShop(a: ActionBase): Promise<ActionResult> {
    return this.shopOperation(a, 'backup', {}, () => this.ops(a.teamId).backup());
  }

  /** Restores the shop's content, accounts and settings from its backup, then re-pushes prices, stock and notices. */
  async restoreShop(a: ActionBase): Promise<ActionResult> {
    return this.shopOperation(a, 'restore', {}, async () => {
      await this.ops(a.teamId).restore();
      await this.syncAll(await this.ctx.projection.current(), a.teamId);
    });
  }

  async restartShop(a: ActionBase): Promise<ActionResult> {
    return this.shopOperation(a, 'restart', {}, async () => {
      await this.ctx.sandboxes.restart(a.teamId);
      await this.syncAll(await this.ctx.projection.current(), a.teamId);
    });
  }

  /** Pushes the team's own price list, stock and notices to its shop again (repairs tampering). */
  async resyncShop(teamId: string): Promise<void> {
    await this.syncAll(await this.ctx.projection.current(), teamId);
  }

  private async shopOperation(
    a: ActionBase,
    action: 'settings' | 'admin-password' | 'restart' | 'backup' | 'restore',
    detail: Record<string, string | number | boolean>,
    operate: () => Promise<unknown>,
  ): Promise<ActionResult> {
    return this.act(a, async () => {
      try {
        await operate();
      } catch (error) {
        throw new TeamActionError(
          'SHOP_UNREACHABLE',
          `the shop did not accept the operation: ${(error as Error).message}`,
        );
      }
      return newEvent(
        'shop.operated',
        { teamId: a.teamId, action, detail, atMinute: a.atMinute },
        this.key(a),
        this.gameMs(a),
      );
    });
  }

  /**
   * Serialises one team's actions, checks the key, decides the event from fresh state by the rules
   * of libs/domain (a RuleViolation becomes a TeamActionError with the same code), appends it.
   */
  private async act(
    a: ActionBase,
    decide: (state: GameState, team: TeamState) => NewEvent | Promise<NewEvent>,
    after?: (state: GameState) => Promise<unknown>,
  ): Promise<ActionResult> {
    return this.withTeamLock(a.teamId, async () => {
      const { store, gameId, projection } = this.ctx;
      if (a.key.length === 0 || a.key.length > 200)
        throw new TeamActionError('INVALID', 'an idempotency key is 1 to 200 characters');
      if (await store.hasKey(gameId, this.key(a))) return { applied: false, seq: (await projection.current()).seq };
      const state = await projection.current();
      let event: NewEvent;
      try {
        event = await decide(state, actingTeam(state, a.teamId));
      } catch (error) {
        if (error instanceof RuleViolation) throw new TeamActionError(error.code, error.message);
        throw error;
      }
      const result = await store.append(gameId, [event]);
      const next = await projection.current();
      if (after && result.appended.length > 0) {
        await after(next).catch(() => undefined); // the shop may be down: the log is updated, the shop catches up on its next sync
      }
      return { applied: result.appended.length > 0, seq: next.seq };
    });
  }

  private async withTeamLock<T>(teamId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.locks.get(teamId) ?? Promise.resolve();
    const run = previous.then(work, work);
    const settled = run.catch(() => undefined);
    this.locks.set(teamId, settled);
    try {
      return await run;
    } finally {
      if (this.locks.get(teamId) === settled) this.locks.delete(teamId);
    }
  }

  private gameMs(a: ActionBase): number {
    return a.atMinute * MS_PER_MINUTE;
  }

  private key(a: ActionBase): string {
    return `action:${a.teamId}:${a.key}`;
  }

  private ops(teamId: string): ShopOpsClient {
    return new ShopOpsClient(this.ctx.sandboxes.endpoint(teamId));
  }

  private async syncCatalog(state: GameState, teamId: string): Promise<void> {
    const team = state.teams[teamId];
    await this.ops(teamId).syncCatalog(
      state.scenario!.products.map((p) => ({ id: p.id, priceYen: team.pricesYen[p.id], stock: team.stock[p.id] ?? 0 })),
    );
  }

  private async syncAll(state: GameState, teamId: string): Promise<void> {
    await this.syncCatalog(state, teamId);
    await this.ops(teamId).syncNotices(state.teams[teamId].notices);
  }
}
