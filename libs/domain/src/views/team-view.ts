import type { GameState, InboxItem, MarketRequest } from '../fold/state';
import { POINTS_SCALE, TRUST_SCALE } from '../fold/state';
import type { MarketItem } from '../scenario/scenario';
import { injectById } from '../scenario/scenario';
import type { InboxKind, UnitId } from '../scenario/schema';
import { standings } from '../scoring/standings';
import type { Bilingual } from '../text/text';
import type { ClockView } from './clock-view';
import { clockView } from './clock-view';

/**
 * One team's dashboard (game-model §1): its own figures, inbox, market, members and notices. It
 * is built for that team alone and pushed only to its room: nothing of another team is in it
 * except the public rank.
 */
export interface TeamView {
  gameId: string;
  seq: number;
  title: Bilingual;
  clock: ClockView;
  team: {
    teamId: string;
    name: string;
    number: number;
    rank: number;
    escYen: number;
    cashYen: number;
    revenueYen: number;
    referenceYen: number;
    trust: number;
    downtimeMinutes: number;
    attacksFaced: number;
    attacksBlocked: number;
    lastProbe: string | null;
    loanYen: number;
    loanLimitYen: number;
    stock: Record<string, number>;
    pricesYen: Record<string, number>;
    ads: { fromMinute: number; untilMinute: number; boost: number }[];
    units: { unit: UnitId; name: Bilingual; score: number | null; earnedPoints: number; offeredPoints: number }[];
    notices: { atMinute: number; text: string }[];
  };
  products: { id: string; name: Bilingual; listPriceYen: number; unitCostYen: number }[];
  inbox: InboxEntry[];
  market: {
    catalogue: MarketItem[];
    requests: MarketRequest[];
    ad: { costYen: number; boost: number; minutes: number };
  };
  members: { memberId: string; name: string; units: UnitId[]; awayUntilMinute?: number }[];
  announcements: { announcementId: string; text: string; atMinute: number }[];
}

export interface InboxEntry {
  injectId: string;
  kind: InboxKind | string;
  unit: UnitId;
  from?: Bilingual;
  subject: Bilingual;
  body: Bilingual;
  deliveredMinute: number;
  deadlineMinute?: number;
  closesMinute?: number;
  points?: number;
  response?: { text: string; atMinute: number; compensationYen: number; memberId?: string };
  grade?: { value: number; comment?: string; atMinute: number };
  /** Points credited so far, and whether they are the provisional auto-grade. */
  earned?: { points: number; provisional: boolean };
}

export function teamView(state: GameState, teamId: string, wallMs: number): TeamView {
  const scenario = state.scenario!;
  const team = state.teams[teamId];
  const row = standings(state).find((r) => r.team === teamId)!;
  const inbox = Object.values(team.inbox)
    .map((item) => inboxEntry(state, item))
    .filter((e): e is InboxEntry => e !== undefined)
    .sort((a, b) => b.deliveredMinute - a.deliveredMinute || a.injectId.localeCompare(b.injectId));
  return {
    gameId: state.gameId,
    seq: state.seq,
    title: scenario.title,
    clock: clockView(state, wallMs),
    team: {
      teamId,
      name: team.name,
      number: team.number,
      rank: row.rank,
      escYen: team.escYen,
      cashYen: team.cashYen,
      revenueYen: team.revenueYen,
      referenceYen: team.referenceYen,
      trust: Math.round(team.trustMicro) / TRUST_SCALE,
      downtimeMinutes: team.downtimeMinutes,
      attacksFaced: team.attacksFaced,
      attacksBlocked: team.attacksBlocked,
      lastProbe: team.lastProbe,
      loanYen: team.loanYen,
      loanLimitYen: scenario.economy.loanLimitYen,
      stock: { ...team.stock },
      pricesYen: { ...team.pricesYen },
      ads: team.ads.map((a) => ({ ...a })),
      units: scenario.units.map((u) => ({
        unit: u.id,
        name: u.name,
        score: row.units[u.id] ?? null,
        earnedPoints: team.units[u.id].earnedMilli / POINTS_SCALE,
        offeredPoints: team.units[u.id].offeredMilli / POINTS_SCALE,
      })),
      notices: team.notices.map((n) => ({ ...n })),
    },
    products: scenario.products.map(({ id, name, listPriceYen, unitCostYen }) => ({
      id,
      name,
      listPriceYen,
      unitCostYen,
    })),
    inbox,
    market: {
      catalogue: scenario.marketplace ?? [],
      requests: Object.values(team.market).map((r) => ({ ...r })),
      ad: {
        costYen: scenario.economy.adCostYen,
        boost: scenario.economy.adBoost,
        minutes: scenario.economy.adMinutes,
      },
    },
    members: Object.values(state.members)
      .filter((m) => m.teamId === teamId)
      .sort((a, b) => a.order - b.order)
      .map((m) => ({
        memberId: m.memberId,
        name: m.name,
        units: [...m.units],
        awayUntilMinute:
          m.transferredUntilMinute !== undefined && m.transferredUntilMinute > state.tick
            ? m.transferredUntilMinute
            : undefined,
      })),
    announcements: state.announcements.map(({ announcementId, text, atMinute }) => ({
      announcementId,
      text,
      atMinute,
    })),
  };
}

function inboxEntry(state: GameState, item: InboxItem): InboxEntry | undefined {
  const inject = injectById(state.scenario!, item.injectId);
  if (!inject || inject.kind === 'attack') return undefined;
  return {
    injectId: item.injectId,
    kind: item.kind,
    unit: item.unit,
    from: inject.from,
    subject: inject.subject,
    body: inject.body,
    deliveredMinute: item.deliveredMinute,
    deadlineMinute: item.deadlineMinute,
    closesMinute: item.closesMinute,
    points: item.pointsMilli === undefined ? undefined : item.pointsMilli / POINTS_SCALE,
    response: item.response ? { ...item.response } : undefined,
    grade: item.grade
      ? { value: item.grade.value, comment: item.grade.comment, atMinute: item.grade.atMinute }
      : undefined,
    earned: item.counted
      ? { points: item.counted.earnedMilli / POINTS_SCALE, provisional: item.counted.provisional }
      : undefined,
  };
}
