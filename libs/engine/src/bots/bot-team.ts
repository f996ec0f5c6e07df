import type { GameState, InboxInject, TeamState } from '@mamoru/domain';
import { derivedRandom, nextUnit } from '@mamoru/domain';
import type { ShopSettings } from '@mamoru/sandbox';
import { VULNERABILITY_FIXES } from '@mamoru/sandbox';
import type { TeamActions } from '../actions/team-actions';

/**
 * Simulated teams that play through the same team-action service as people do. `early` fixes
 * every vulnerability in the first minutes and answers promptly; `late` fixes after four hours
 * (restoring its defaced shop first) and answers late; `never` never fixes and answers only some
 * of its inbox. All choices are derived from (seed, team, minute), so runs repeat exactly.
 */
export type BotProfile = 'early' | 'late' | 'never';

export const BOT_PROFILES: BotProfile[] = ['early', 'late', 'never'];

export function mixedProfiles(teamCount: number): BotProfile[] {
  return Array.from({ length: teamCount }, (_, i) => BOT_PROFILES[i % BOT_PROFILES.length]);
}

const LATE_FIX_MINUTE = 240;
const RESTOCK_BELOW = 15;
const RESTOCK_QUANTITY = 60;

export class BotTeam {
  constructor(
    readonly teamId: string,
    readonly profile: BotProfile,
    private readonly actions: TeamActions,
  ) {}

  /** Everything this bot does in game minute `minute`, in a fixed order. */
  async act(minute: number, state: GameState): Promise<void> {
    const team = state.teams[this.teamId];
    if (!team) return;
    await this.fixShop(minute, state, team);
    await this.answerInbox(minute, state, team);
    await this.manageMoney(minute, state, team);
    await this.restock(minute, state, team);
    await this.setPrices(minute, state);
    await this.publishNotice(minute, team);
  }

  private fixMinute(team: TeamState): number | undefined {
    if (this.profile === 'early') return 5 + (team.number % 10);
    if (this.profile === 'late') return LATE_FIX_MINUTE + (team.number % 10);
    return undefined;
  }

  private async fixShop(minute: number, state: GameState, team: TeamState): Promise<void> {
    if (minute !== this.fixMinute(team)) return;
    const base = { teamId: this.teamId, atMinute: minute };
    if (this.profile === 'late') await this.actions.restoreShop({ ...base, key: `bot:${minute}:restore` });
    const settings: Partial<ShopSettings> = {};
    let password = false;
    for (const vulnerability of state.scenario!.shop.vulnerabilities) {
      const fix = VULNERABILITY_FIXES[vulnerability];
      if (fix === 'admin-password') password = true;
      else Object.assign(settings, fix);
    }
    if (Object.keys(settings).length > 0)
      await this.actions.updateShopSettings({ ...base, key: `bot:${minute}:settings`, settings });
    if (password) {
      const secret = `bot-${this.teamId}-${Math.floor(nextUnit(derivedRandom(state.seed, 'bot-password', this.teamId)) * 1e12)}`;
      await this.actions.changeAdminPassword({ ...base, key: `bot:${minute}:password`, password: secret });
    }
    // A backup of the fixed shop: a later restore must not bring the holes back.
    await this.actions.backupShop({ ...base, key: `bot:${minute}:backup` });
    await this.actions.resyncShop(this.teamId);
  }

  private async answerInbox(minute: number, state: GameState, team: TeamState): Promise<void> {
    for (const item of Object.values(team.inbox)) {
      if (item.pointsMilli === undefined || item.response || item.deadlineMinute === undefined) continue;
      const inject = state.scenario!.timeline.find(
        (i): i is InboxInject => i.id === item.injectId && i.kind !== 'attack',
      );
      if (!inject?.response) continue;
      const deadline = inject.response.deadlineMinutes;
      const plan = this.answerPlan(state.seed, item.injectId, deadline);
      if (!plan || minute !== item.deliveredMinute + plan.afterMinutes) continue;
      const keywords = inject.response.rubric.flatMap((r) => r.keywords);
      const used = keywords.slice(0, Math.ceil(keywords.length * plan.keywordShare));
      const text = `${inject.subject.ja} について対応しました。${used.join('、')}。ご迷惑をおかけしております。`;
      const compensationYen = item.kind === 'complaint' && this.profile === 'early' ? 3000 : undefined;
      await this.actions.submitResponse({
        teamId: this.teamId,
        atMinute: minute,
        key: `bot:${minute}:answer:${item.injectId}`,
        injectId: item.injectId,
        text,
        compensationYen,
      });
    }
  }

  private answerPlan(
    seed: number,
    injectId: string,
    deadline: number,
  ): { afterMinutes: number; keywordShare: number } | undefined {
    switch (this.profile) {
      case 'early':
        return { afterMinutes: Math.max(1, Math.floor(deadline * 0.3)), keywordShare: 1 };
      case 'late':
        return { afterMinutes: deadline + Math.max(1, Math.floor(deadline / 3)), keywordShare: 0.5 };
      case 'never':
        return nextUnit(derivedRandom(seed, 'bot-answer', this.teamId, injectId)) < 0.5
          ? { afterMinutes: Math.max(1, deadline - 1), keywordShare: 0.25 }
          : undefined;
    }
  }

  private async manageMoney(minute: number, state: GameState, team: TeamState): Promise<void> {
    const limit = state.scenario!.economy.loanLimitYen;
    if (team.cashYen < 100_000 && team.loanYen < limit) {
      await this.actions.takeLoan({
        teamId: this.teamId,
        atMinute: minute,
        key: `bot:${minute}:loan`,
        amountYen: Math.min(1_000_000, limit - team.loanYen),
      });
    } else if (team.loanYen > 0 && team.cashYen > team.loanYen + 2_000_000) {
      await this.actions.repayLoan({
        teamId: this.teamId,
        atMinute: minute,
        key: `bot:${minute}:repay`,
        amountYen: team.loanYen,
      });
    }
  }

  private async restock(minute: number, state: GameState, team: TeamState): Promise<void> {
    for (const product of state.scenario!.products) {
      const cost = product.unitCostYen * RESTOCK_QUANTITY;
      if ((team.stock[product.id] ?? 0) < RESTOCK_BELOW && team.cashYen >= cost) {
        await this.actions.orderStock({
          teamId: this.teamId,
          atMinute: minute,
          key: `bot:${minute}:stock:${product.id}`,
          productId: product.id,
          quantity: RESTOCK_QUANTITY,
        });
      }
    }
  }

  private async setPrices(minute: number, state: GameState): Promise<void> {
    if (minute !== 15 || this.profile === 'late') return;
    const factor = this.profile === 'early' ? 0.95 : 1.1;
    for (const product of state.scenario!.products) {
      await this.actions.setPrice({
        teamId: this.teamId,
        atMinute: minute,
        key: `bot:${minute}:price:${product.id}`,
        productId: product.id,
        priceYen: Math.round(product.listPriceYen * factor),
      });
    }
  }

  private async publishNotice(minute: number, team: TeamState): Promise<void> {
    if (this.profile === 'never') return;
    const recentHarm = team.harms.some((h) => !h.givenBack && h.atMinute >= minute - 5 && h.micro >= 10_000);
    const lastNotice = team.notices[team.notices.length - 1];
    if (!recentHarm || (lastNotice && minute - lastNotice.atMinute < 60)) return;
    await this.actions.publishNotice({
      teamId: this.teamId,
      atMinute: minute,
      key: `bot:${minute}:notice`,
      text: '現在、当社サイトで障害が発生しております。ご迷惑をおかけし申し訳ございません。復旧に全力で取り組んでいます。',
    });
  }
}
