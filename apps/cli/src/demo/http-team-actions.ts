import type { Scenario, UnitId } from '@mamoru/domain';
import { ACTION_UNITS } from '@mamoru/domain';
import type { ActionBase, ActionResult, TeamActions } from '@mamoru/engine';
import type { ShopSettings } from '@mamoru/sandbox';

/** A member the demo signed in: their login and units. */
export interface DemoMember {
  login: string;
  password: string;
  units: UnitId[];
}

/**
 * The team actions of a bot, sent through the game server's HTTP API as the team's members would
 * (`mamoru serve --demo`): each action goes out with the token of a member of the unit it needs,
 * and with the bot's idempotency key.
 */
export class HttpTeamActions implements TeamActions {
  private readonly tokens = new Map<string, string>();

  constructor(
    private readonly baseUrl: string,
    private readonly gameId: string,
    private readonly teamId: string,
    private readonly members: DemoMember[],
    private readonly scenario: Scenario,
  ) {}

  orderStock(a: ActionBase & { productId: string; quantity: number }): Promise<ActionResult> {
    return this.post(ACTION_UNITS.stockOrder, 'stock-orders', a.key, { productId: a.productId, quantity: a.quantity });
  }

  setPrice(a: ActionBase & { productId: string; priceYen: number }): Promise<ActionResult> {
    return this.post(ACTION_UNITS.price, 'prices', a.key, { productId: a.productId, priceYen: a.priceYen });
  }

  submitResponse(a: ActionBase & { injectId: string; text: string; compensationYen?: number }): Promise<ActionResult> {
    const inject = this.scenario.timeline.find((i) => i.id === a.injectId);
    const unit = inject?.unit ?? 'support';
    const body =
      a.compensationYen === undefined ? { text: a.text } : { text: a.text, compensationYen: a.compensationYen };
    return this.post(unit, `responses/${encodeURIComponent(a.injectId)}`, a.key, body);
  }

  takeLoan(a: ActionBase & { amountYen: number }): Promise<ActionResult> {
    return this.post(ACTION_UNITS.loan, 'loans', a.key, { amountYen: a.amountYen });
  }

  repayLoan(a: ActionBase & { amountYen: number }): Promise<ActionResult> {
    return this.post(ACTION_UNITS.repayment, 'loans/repayments', a.key, { amountYen: a.amountYen });
  }

  publishNotice(a: ActionBase & { text: string }): Promise<ActionResult> {
    return this.post(ACTION_UNITS.notice, 'notices', a.key, { text: a.text });
  }

  updateShopSettings(a: ActionBase & { settings: Partial<ShopSettings> }): Promise<ActionResult> {
    return this.send(ACTION_UNITS.shopConsole, 'PUT', 'shop/settings', a.key, a.settings);
  }

  changeAdminPassword(a: ActionBase & { password: string }): Promise<ActionResult> {
    return this.post(ACTION_UNITS.shopConsole, 'shop/admin-password', a.key, { password: a.password });
  }

  backupShop(a: ActionBase): Promise<ActionResult> {
    return this.post(ACTION_UNITS.shopConsole, 'shop/backup', a.key, {});
  }

  restoreShop(a: ActionBase): Promise<ActionResult> {
    return this.post(ACTION_UNITS.shopConsole, 'shop/restore', a.key, {});
  }

  async resyncShop(): Promise<void> {
    await this.post(ACTION_UNITS.shopConsole, 'shop/resync', `resync-${Date.now()}`, {});
  }

  private post(unit: UnitId, path: string, key: string, body: unknown): Promise<ActionResult> {
    return this.send(unit, 'POST', path, key, body);
  }

  private async send(unit: UnitId, method: string, path: string, key: string, body: unknown): Promise<ActionResult> {
    const member = this.members.find((m) => m.units.includes(unit)) ?? this.members[0];
    const url = `${this.baseUrl}/api/games/${this.gameId}/teams/${this.teamId}/${path}`;
    for (let attempt = 0; attempt < 2; attempt++) {
      const response = await fetch(url, {
        method,
        headers: {
          authorization: `Bearer ${await this.token(member, attempt > 0)}`,
          'content-type': 'application/json',
          'idempotency-key': key,
        },
        body: JSON.stringify(body),
      });
      if (response.status === 401 && attempt === 0) continue; // the access token expired: sign in again
      const answer = (await response.json().catch(() => ({}))) as { applied?: boolean; seq?: number; message?: string };
      if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${answer.message ?? ''}`);
      return { applied: answer.applied ?? true, seq: answer.seq ?? 0 };
    }
    throw new Error(`${method} ${path}: not signed in`);
  }

  private async token(member: DemoMember, renew: boolean): Promise<string> {
    const known = this.tokens.get(member.login);
    if (known && !renew) return known;
    const response = await fetch(`${this.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: member.login, password: member.password }),
    });
    if (!response.ok) throw new Error(`sign-in of ${member.login}: ${response.status}`);
    const { accessToken } = (await response.json()) as { accessToken: string };
    this.tokens.set(member.login, accessToken);
    return accessToken;
  }
}
