import type { GameState, NewEvent, TeamState } from '@mamoru/domain';
import { MS_PER_MINUTE, newEvent, productById } from '@mamoru/domain';
import type { ShopSettings } from '@mamoru/sandbox';
import { ShopOpsClient } from '@mamoru/sandbox';
import type { GameContext } from '../game/game-context';

export type TeamActionErrorCode =
  'NOT_FOUND' | 'INVALID' | 'INSUFFICIENT_CASH' | 'CONFLICT' | 'SHOP_UNREACHABLE' | 'GAME_OVER';

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

/**
 * What a team can do (game-model §2, §4-§6), for the API and the bots alike. Each action checks
 * the rules against the current state, appends its event under the team's idempotency key, and
 * pushes what the shop must show (prices, stock, notices) to the team's own shop.
 */
export class TeamActionService {
  private readonly locks = new Map<string, Promise<unknown>>();

  constructor(private readonly ctx: GameContext) {}

  async orderStock(a: ActionBase & { productId: string; quantity: number }): Promise<ActionResult> {
    return this.act(
      a,
      async (state, team) => {
        const product = productById(state.scenario!, a.productId);
        if (!product) throw new TeamActionError('NOT_FOUND', `no product "${a.productId}"`);
        if (!Number.isInteger(a.quantity) || a.quantity < 1 || a.quantity > 100_000) {
          throw new TeamActionError('INVALID', 'quantity must be a whole number from 1 to 100,000');
        }
        const cost = product.unitCostYen * a.quantity;
        if (team.cashYen < cost) {
          throw new TeamActionError(
            'INSUFFICIENT_CASH',
            `the order costs ¥${cost.toLocaleString('en-US')} but cash is ¥${team.cashYen.toLocaleString('en-US')}`,
          );
        }
        return [
          newEvent(
            'stock.ordered',
            {
              teamId: a.teamId,
              productId: a.productId,
              quantity: a.quantity,
              unitCostYen: product.unitCostYen,
              atMinute: a.atMinute,
            },
            this.key(a),
            a.atMinute * MS_PER_MINUTE,
          ),
        ];
      },
      (state) => this.syncCatalog(state, a.teamId),
    );
  }

  async setPrice(a: ActionBase & { productId: string; priceYen: number }): Promise<ActionResult> {
    return this.act(
      a,
      async (state) => {
        if (!productById(state.scenario!, a.productId))
          throw new TeamActionError('NOT_FOUND', `no product "${a.productId}"`);
        if (!Number.isInteger(a.priceYen) || a.priceYen < 1 || a.priceYen > 100_000_000) {
          throw new TeamActionError('INVALID', 'price must be a whole number of yen from 1 to 100,000,000');
        }
        return [
          newEvent(
            'price.set',
            { teamId: a.teamId, productId: a.productId, priceYen: a.priceYen, atMinute: a.atMinute },
            this.key(a),
            a.atMinute * MS_PER_MINUTE,
          ),
        ];
      },
      (state) => this.syncCatalog(state, a.teamId),
    );
  }

  async submitResponse(
    a: ActionBase & { injectId: string; text: string; compensationYen?: number; memberId?: string },
  ): Promise<ActionResult> {
    return this.act(a, async (state, team) => {
      const item = team.inbox[a.injectId];
      if (!item) throw new TeamActionError('NOT_FOUND', `no inbox item "${a.injectId}" for this team`);
      if (item.pointsMilli === undefined) throw new TeamActionError('INVALID', 'this inbox item asks for no response');
      if (item.grade)
        throw new TeamActionError('CONFLICT', 'the response has been graded and can no longer be replaced');
      if (a.text.length === 0 || a.text.length > 20_000)
        throw new TeamActionError('INVALID', 'a response is 1 to 20,000 characters');
      const compensationYen = a.compensationYen ?? 0;
      if (!Number.isInteger(compensationYen) || compensationYen < 0)
        throw new TeamActionError('INVALID', 'compensation must be a whole number of yen');
      if (compensationYen > 0 && item.kind !== 'complaint')
        throw new TeamActionError('INVALID', 'only a complaint response can grant compensation');
      const delta = compensationYen - (item.response?.compensationYen ?? 0);
      if (delta > 0 && team.cashYen < delta)
        throw new TeamActionError('INSUFFICIENT_CASH', 'not enough cash for that compensation');
      return [
        newEvent(
          'response.submitted',
          {
            injectId: a.injectId,
            teamId: a.teamId,
            memberId: a.memberId,
            text: a.text,
            compensationYen: a.compensationYen,
            atMinute: a.atMinute,
          },
          this.key(a),
          a.atMinute * MS_PER_MINUTE,
        ),
      ];
    });
  }

  async takeLoan(a: ActionBase & { amountYen: number }): Promise<ActionResult> {
    return this.act(a, async (state, team) => {
      const limit = state.scenario!.economy.loanLimitYen;
      if (!Number.isInteger(a.amountYen) || a.amountYen < 1)
        throw new TeamActionError('INVALID', 'a loan is a positive whole number of yen');
      if (team.loanYen + a.amountYen > limit) {
        throw new TeamActionError(
          'INVALID',
          `the loan limit is ¥${limit.toLocaleString('en-US')} (outstanding ¥${team.loanYen.toLocaleString('en-US')})`,
        );
      }
      return [
        newEvent(
          'loan.taken',
          { teamId: a.teamId, amountYen: a.amountYen, atMinute: a.atMinute },
          this.key(a),
          a.atMinute * MS_PER_MINUTE,
        ),
      ];
    });
  }

  async repayLoan(a: ActionBase & { amountYen: number }): Promise<ActionResult> {
    return this.act(a, async (_state, team) => {
      if (!Number.isInteger(a.amountYen) || a.amountYen < 1)
        throw new TeamActionError('INVALID', 'a repayment is a positive whole number of yen');
      if (a.amountYen > team.loanYen)
        throw new TeamActionError('INVALID', `only ¥${team.loanYen.toLocaleString('en-US')} is outstanding`);
      if (a.amountYen > team.cashYen)
        throw new TeamActionError('INSUFFICIENT_CASH', 'not enough cash to repay that much');
      return [
        newEvent(
          'loan.repaid',
          { teamId: a.teamId, amountYen: a.amountYen, atMinute: a.atMinute },
          this.key(a),
          a.atMinute * MS_PER_MINUTE,
        ),
      ];
    });
  }

  async publishNotice(a: ActionBase & { text: string }): Promise<ActionResult> {
    return this.act(
      a,
      async () => {
        const text = a.text.trim();
        if (text.length === 0 || text.length > 5000)
          throw new TeamActionError('INVALID', 'a notice is 1 to 5,000 characters');
        return [
          newEvent(
            'notice.published',
            { teamId: a.teamId, text, atMinute: a.atMinute },
            this.key(a),
            a.atMinute * MS_PER_MINUTE,
          ),
        ];
      },
      async (state) => {
        const team = state.teams[a.teamId];
        await this.ops(a.teamId).syncNotices(team.notices);
      },
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
      return [
        newEvent(
          'shop.operated',
          { teamId: a.teamId, action, detail, atMinute: a.atMinute },
          this.key(a),
          a.atMinute * MS_PER_MINUTE,
        ),
      ];
    });
  }

  /** Serialises one team's actions, checks the key, builds events from fresh state, appends them. */
  private async act(
    a: ActionBase,
    build: (state: GameState, team: TeamState) => Promise<NewEvent[]>,
    after?: (state: GameState) => Promise<void>,
  ): Promise<ActionResult> {
    return this.withTeamLock(a.teamId, async () => {
      const { store, gameId, projection } = this.ctx;
      if (a.key.length === 0 || a.key.length > 200)
        throw new TeamActionError('INVALID', 'an idempotency key is 1 to 200 characters');
      if (await store.hasKey(gameId, this.key(a))) return { applied: false, seq: (await projection.current()).seq };
      const state = await projection.current();
      if (state.ended) throw new TeamActionError('GAME_OVER', 'the game has ended');
      const team = state.teams[a.teamId];
      if (!team) throw new TeamActionError('NOT_FOUND', `no team "${a.teamId}"`);
      const events = await build(state, team);
      const result = await store.append(gameId, events);
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
