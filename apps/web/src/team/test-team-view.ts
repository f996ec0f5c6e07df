import type { InboxEntry, TeamView } from '@mamoru/domain';
import { apiRequest } from '../api/client';
import type { TeamApi } from './team-api';
import type { TeamScope } from './team-scope';

/** Test data for the specs: team-1 of game day-1 at game minute `minute`, three members. */
export function teamTestView(patch: Partial<TeamView> = {}, minute = 10): TeamView {
  return {
    gameId: 'day-1',
    seq: 42,
    title: { ja: '演習', en: 'Exercise' },
    clock: {
      status: 'running',
      gameMs: minute * 60_000,
      wallMs: 1_000_000,
      speed: 1,
      tick: minute,
      durationMinutes: 480,
      clockStartsAtMinutes: 540,
    },
    team: {
      teamId: 'team-1',
      name: 'さくら商店',
      number: 1,
      rank: 2,
      escYen: 1_234_567,
      cashYen: 4_900_000,
      revenueYen: 120_000,
      referenceYen: 150_000,
      trust: 0.955,
      downtimeMinutes: 3,
      attacksFaced: 2,
      attacksBlocked: 1,
      lastProbe: 'ok',
      loanYen: 0,
      loanLimitYen: 3_000_000,
      stock: { sencha: 40, matcha: 0 },
      pricesYen: { sencha: 1100, matcha: 2800 },
      ads: [],
      units: [
        { unit: 'management', name: { ja: '経営', en: 'Management' }, score: 50, earnedPoints: 5, offeredPoints: 10 },
        {
          unit: 'sales',
          name: { ja: '販売・仕入れ', en: 'Sales & purchasing' },
          score: 80.5,
          earnedPoints: 0,
          offeredPoints: 0,
        },
        {
          unit: 'support',
          name: { ja: 'カスタマーサポート', en: 'Customer support' },
          score: null,
          earnedPoints: 0,
          offeredPoints: 0,
        },
        { unit: 'pr', name: { ja: '広報', en: 'Public relations' }, score: null, earnedPoints: 0, offeredPoints: 0 },
        { unit: 'tech', name: { ja: '技術', en: 'Engineering' }, score: 100, earnedPoints: 0, offeredPoints: 0 },
        { unit: 'csirt', name: { ja: 'CSIRT', en: 'CSIRT' }, score: null, earnedPoints: 0, offeredPoints: 0 },
      ],
      notices: [],
    },
    products: [
      { id: 'sencha', name: { ja: '煎茶', en: 'Sencha' }, listPriceYen: 1200, unitCostYen: 600 },
      { id: 'matcha', name: { ja: '抹茶', en: 'Matcha' }, listPriceYen: 2800, unitCostYen: 1500 },
    ],
    inbox: [],
    market: {
      catalogue: [
        {
          id: 'waf',
          name: { ja: 'WAF', en: 'Web application firewall' },
          category: 'monitoring',
          priceYen: 800_000,
          leadMinutes: 30,
          recurringYenPerHour: 20_000,
        },
      ],
      requests: [],
      ad: { costYen: 300_000, boost: 1.3, minutes: 60 },
    },
    members: [
      { memberId: 'm-boss', name: '佐藤 愛子', units: ['management', 'sales'] },
      { memberId: 'm-tech', name: 'Ren Ito', units: ['tech', 'support'] },
      { memberId: 'm-pr', name: '加藤 芽衣', units: ['pr', 'csirt'], awayUntilMinute: 90 },
    ],
    announcements: [],
    ...patch,
  };
}

export function inboxEntry(patch: Partial<InboxEntry> & Pick<InboxEntry, 'injectId' | 'unit'>): InboxEntry {
  return {
    kind: 'inquiry',
    subject: { ja: `件名 ${patch.injectId}`, en: `Subject ${patch.injectId}` },
    body: { ja: '本文です。\n二行目。', en: 'The body.\nSecond line.' },
    deliveredMinute: 2,
    ...patch,
  };
}

/** A TeamApi over `fetch` (set `global.fetch` to a `fakeFetch`). */
export const testApi: TeamApi = {
  request: (path, options = {}) => apiRequest(path, { ...options, token: 'T' }),
};

export function testScope(patch: Partial<TeamScope> = {}): TeamScope {
  return { api: testApi, base: '/api/games/day-1/teams/team-1', block: null, clockStartsAtMinutes: 540, ...patch };
}
