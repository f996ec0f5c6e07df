import type { StoredEvent } from '../../events/events';
import type { Scenario } from '../../scenario/scenario';
import { DEFAULT_UNITS } from '../../scenario/scenario';
import { logBuilder } from '../../testing-support/events';

/**
 * The hand-written golden game: a small Hardening Day of 65 minutes with three teams, every rule
 * value at its game-model default. The log below is what the platform would have recorded; the
 * worked example after it computes every team's final figures by hand, rule by rule, from
 * /work/shared/design/game-model.md (§4 money, §5 trust, §6 responses, §9 scores). The golden
 * test asserts that the fold and `standings()` arrive at exactly these numbers, and that
 * `hand-standings.json` (written once from these numbers, never by the test) matches byte for byte.
 */

// ---------------------------------------------------------------------------------------------
// The scenario, compiled (game times in minutes). Economy, trust and scoring are the defaults of
// game-model.md (the golden test checks them against schema.ts).
// ---------------------------------------------------------------------------------------------

export const GOLDEN_SCENARIO: Scenario = {
  id: 'golden-tea-shop',
  version: 1,
  title: { ja: 'お茶屋さんの一時間', en: 'An hour at the tea shop' },
  durationMinutes: 65,
  tickMinutes: 1,
  seed: 42,
  units: DEFAULT_UNITS,
  economy: {
    startingCashYen: 5_000_000,
    elasticity: 1.5,
    loanLimitYen: 3_000_000,
    loanInterestPerHour: 0.005,
    adCostYen: 300_000,
    adBoost: 1.3,
    adMinutes: 60,
  },
  trust: {
    defacedTick: 0.02,
    downTick: 0.01,
    leak: 0.2,
    unanswered: 0.02,
    tamperedOrder: 0.01,
    healthyTick: 0.002,
    noticeWindowMinutes: 30,
    noticeGivesBack: 0.5,
  },
  scoring: { techAvailabilityWeight: 60, techBlockedWeight: 40, escJudgedBase: 0.5 },
  crawler: { journeyTimeoutMs: 5000, probeTimeoutMs: 5000, concurrency: 16 },
  shop: { vulnerabilities: ['sqli-search', 'price-api-unauth'], customers: 50 },
  marketplace: [],
  products: [
    {
      id: 'tea',
      name: { ja: '緑茶', en: 'Green tea' },
      listPriceYen: 2000,
      unitCostYen: 1200,
      initialStock: 50,
      popularity: 3,
    },
    {
      id: 'cup',
      name: { ja: '湯呑み', en: 'Tea cup' },
      listPriceYen: 5000,
      unitCostYen: 3000,
      initialStock: 3,
      popularity: 1,
    },
  ],
  // 4 customers a tick for the first ten ticks, then a lull (demandAt(tick - 1)).
  demand: [
    { atMinute: 0, customersPerTick: 4 },
    { atMinute: 9, customersPerTick: 4 },
    { atMinute: 10, customersPerTick: 0 },
  ],
  attacks: [
    {
      id: 'sqli-search',
      name: { ja: '検索のSQLインジェクション', en: 'SQL injection in search' },
      exploits: 'sqli-search',
      steps: [{ request: { method: 'GET', path: "/search?q=' OR 1=1 --" }, expect: { status: 200 } }],
      effects: [{ kind: 'leak', records: 1200 }, { kind: 'deface' }],
    },
    {
      id: 'price-tamper',
      name: { ja: '価格APIの改ざん', en: 'Price API tampering' },
      exploits: 'price-api-unauth',
      steps: [{ request: { method: 'POST', path: '/api/prices', json: { tea: 500 } }, expect: { status: 200 } }],
      effects: [{ kind: 'tamper' }],
    },
  ],
  timeline: [
    {
      id: 'inq-shipping',
      kind: 'inquiry',
      unit: 'support',
      atMinute: 1,
      targets: 'all',
      from: { ja: '山田様', en: 'Ms Yamada' },
      subject: { ja: '発送はいつですか', en: 'When do you ship?' },
      body: { ja: '先週注文した湯呑みがまだ届きません。', en: 'The cup I ordered last week has not arrived.' },
      response: {
        points: 10,
        deadlineMinutes: 30,
        rubric: [
          { id: 'apology', text: { ja: 'お詫び', en: 'Apologises' }, weight: 1, keywords: ['お詫び', 'apolog'] },
          { id: 'ship-date', text: { ja: '発送日', en: 'Gives the ship date' }, weight: 2, keywords: ['発送', 'ship'] },
          { id: 'contact', text: { ja: '連絡先', en: 'Gives a contact' }, weight: 2, keywords: ['電話', 'phone'] },
        ],
      },
    },
    { id: 'atk-sqli', kind: 'attack', unit: 'tech', atMinute: 2, targets: 'all', attackId: 'sqli-search' },
    {
      id: 'press-leak',
      kind: 'press',
      unit: 'pr',
      atMinute: 3,
      targets: 'all',
      from: { ja: '日報記者', en: 'Nippo reporter' },
      subject: { ja: '顧客情報漏えいの噂', en: 'Rumours of a customer data leak' },
      body: { ja: '貴社で漏えいがあったと聞きました。', en: 'We hear your shop leaked customer data.' },
      response: {
        points: 20,
        deadlineMinutes: 20,
        rubric: [
          { id: 'facts', text: { ja: '事実関係', en: 'States the facts' }, weight: 2, keywords: ['漏えい', 'leak'] },
          { id: 'apology', text: { ja: 'お詫び', en: 'Apologises' }, weight: 1, keywords: ['お詫び', 'apolog'] },
          {
            id: 'next-steps',
            text: { ja: '再発防止', en: 'Next steps' },
            weight: 1,
            keywords: ['再発防止', 'prevent'],
          },
        ],
      },
    },
    { id: 'atk-tamper', kind: 'attack', unit: 'tech', atMinute: 4, targets: 'all', attackId: 'price-tamper' },
  ],
};

export const TEAM_AKANE = 'team-1';
export const TEAM_BOTAN = 'team-2';
export const TEAM_CHIDORI = 'team-3';
const TEAMS = [TEAM_AKANE, TEAM_BOTAN, TEAM_CHIDORI];

const tea = (chargedYen = 2000, quantity = 1, priceYen = chargedYen) => ({
  productId: 'tea',
  quantity,
  chargedYen,
  priceYen,
});
const cup = (chargedYen = 5000, quantity = 1, priceYen = chargedYen) => ({
  productId: 'cup',
  quantity,
  chargedYen,
  priceYen,
});

/**
 * The crowd of ticks 1-10 (the same for every team, §4): what each potential customer wants, and
 * the reference revenue = every one of them buying at list price (tea ¥2,000, cup ¥5,000).
 *
 *   tick  wants                    potential  reference
 *     1   tea tea cup tea                 4     11,000
 *     2   tea cup tea tea                 4     11,000
 *     3   tea tea tea cup tea             5     13,000
 *     4   cup tea tea tea                 4     11,000
 *     5   tea tea cup tea                 4     11,000
 *     6   tea cup tea tea                 4     11,000
 *     7   tea tea tea tea                 4      8,000
 *     8   cup tea tea tea                 4     11,000
 *     9   tea cup tea tea                 4     11,000
 *    10   tea tea cup tea                 4     11,000
 *                                   total      109,000
 * Ticks 11-65: no customers (reference 0), every probe ok unless stated.
 */
const CROWD: Record<number, { potential: number; referenceYen: number }> = {
  1: { potential: 4, referenceYen: 11_000 },
  2: { potential: 4, referenceYen: 11_000 },
  3: { potential: 5, referenceYen: 13_000 },
  4: { potential: 4, referenceYen: 11_000 },
  5: { potential: 4, referenceYen: 11_000 },
  6: { potential: 4, referenceYen: 11_000 },
  7: { potential: 4, referenceYen: 8_000 },
  8: { potential: 4, referenceYen: 11_000 },
  9: { potential: 4, referenceYen: 11_000 },
  10: { potential: 4, referenceYen: 11_000 },
};

/** The event log, in the order the platform appends it (§3: a minute's actions, then the crawl). */
export function goldenLog(): StoredEvent[] {
  const log = logBuilder('golden-game');
  const crowd = (tick: number) => CROWD[tick];

  // 00:00 set-up.
  log
    .created(GOLDEN_SCENARIO)
    .team(TEAM_AKANE, 'Akane Tea', 1, 'east')
    .team(TEAM_BOTAN, 'Botan Tea', 2, 'west')
    .team(TEAM_CHIDORI, 'Chidori Tea', 3, 'east')
    .start(1);

  // Tick 1 [00:00, 00:01).
  log.crawl(TEAM_AKANE, 1, { ...crowd(1), outcomes: { ok: 2 }, orders: [tea(), cup()] });
  log.crawl(TEAM_BOTAN, 1, { ...crowd(1), outcomes: { ok: 1 }, orders: [tea()] });
  log.crawl(TEAM_CHIDORI, 1, { ...crowd(1), outcomes: { ok: 2 }, orders: [tea(), cup()] });
  log.close(1);

  // 00:01 the customer inquiry reaches every team (deadline 00:31, window closes 01:01).
  for (const team of TEAMS) log.deliver('inq-shipping', team, 1);

  // Tick 2.
  log.crawl(TEAM_AKANE, 2, { ...crowd(2), outcomes: { ok: 2 }, orders: [tea(2000, 2), cup()] });
  log.crawl(TEAM_BOTAN, 2, { ...crowd(2), outcomes: { ok: 2 }, orders: [tea(), cup()] });
  log.crawl(TEAM_CHIDORI, 2, { ...crowd(2), outcomes: { ok: 3 }, orders: [tea(), cup(), tea()] });
  log.close(2);

  // 00:02 SQL injection: Akane and Chidori block it, Botan leaks 1,200 records and is defaced.
  log.add('attack.finished', {
    injectId: 'atk-sqli',
    attackId: 'sqli-search',
    teamId: TEAM_AKANE,
    atMinute: 2,
    outcome: 'blocked',
    effects: [],
    stoppedAtStep: 0,
  });
  log.add('attack.finished', {
    injectId: 'atk-sqli',
    attackId: 'sqli-search',
    teamId: TEAM_BOTAN,
    atMinute: 2,
    outcome: 'succeeded',
    effects: [{ kind: 'leak', records: 1200 }, { kind: 'deface' }],
  });
  log.add('attack.finished', {
    injectId: 'atk-sqli',
    attackId: 'sqli-search',
    teamId: TEAM_CHIDORI,
    atMinute: 2,
    outcome: 'blocked',
    effects: [],
    stoppedAtStep: 0,
  });
  // Chidori restocks cups: 10 × ¥3,000.
  log.add('stock.ordered', { teamId: TEAM_CHIDORI, productId: 'cup', quantity: 10, unitCostYen: 3000, atMinute: 2 });

  // Tick 3: Botan's home page is defaced.
  log.crawl(TEAM_AKANE, 3, { ...crowd(3), outcomes: { ok: 2 }, orders: [tea(), cup()] });
  log.crawl(TEAM_BOTAN, 3, { ...crowd(3), outcomes: { defaced: 5 }, probe: 'defaced' });
  log.crawl(TEAM_CHIDORI, 3, { ...crowd(3), outcomes: { ok: 2 }, orders: [tea(), cup()] });
  log.close(3);

  // 00:03 the press inquiry (deadline 00:23, window closes 00:43).
  for (const team of TEAMS) log.deliver('press-leak', team, 3);

  // Tick 4: Botan still defaced; Akane has sold its last cup.
  log.crawl(TEAM_AKANE, 4, { ...crowd(4), outcomes: { ok: 3, out_of_stock: 1 }, orders: [tea(), tea(), tea()] });
  log.crawl(TEAM_BOTAN, 4, { ...crowd(4), outcomes: { defaced: 4 }, probe: 'defaced' });
  log.crawl(TEAM_CHIDORI, 4, { ...crowd(4), outcomes: { ok: 2 }, orders: [cup(), tea()] });
  log.close(4);

  // 00:04 price tampering: Akane is hit, Botan's run fails on the platform side, Chidori blocks.
  log.add('attack.finished', {
    injectId: 'atk-tamper',
    attackId: 'price-tamper',
    teamId: TEAM_AKANE,
    atMinute: 4,
    outcome: 'succeeded',
    effects: [{ kind: 'tamper' }],
  });
  log.add('attack.finished', {
    injectId: 'atk-tamper',
    attackId: 'price-tamper',
    teamId: TEAM_BOTAN,
    atMinute: 4,
    outcome: 'error',
    effects: [],
    stoppedAtStep: 0,
    reason: 'attack runner timed out',
  });
  log.add('attack.finished', {
    injectId: 'atk-tamper',
    attackId: 'price-tamper',
    teamId: TEAM_CHIDORI,
    atMinute: 4,
    outcome: 'blocked',
    effects: [],
    stoppedAtStep: 0,
  });
  log.add('shop.operated', { teamId: TEAM_BOTAN, action: 'restore', detail: { backup: 'morning' }, atMinute: 4 });

  // Tick 5: Akane's shop charges ¥500 for tea (list ¥2,000) twice.
  log.crawl(TEAM_AKANE, 5, {
    ...crowd(5),
    outcomes: { tampered: 2, out_of_stock: 1 },
    orders: [tea(500, 1, 2000), tea(500, 1, 2000)],
  });
  log.crawl(TEAM_BOTAN, 5, { ...crowd(5), outcomes: { ok: 1 }, orders: [tea()] });
  log.crawl(TEAM_CHIDORI, 5, { ...crowd(5), outcomes: { ok: 1 }, orders: [tea()] });
  log.close(5);

  // 00:05 Botan publishes a notice; Chidori raises tea to ¥2,500; Akane locks the price API.
  log.add('notice.published', {
    teamId: TEAM_BOTAN,
    text: '不正アクセスにより顧客情報が漏えいした可能性があります。深くお詫び申し上げます。',
    atMinute: 5,
  });
  log.add('price.set', { teamId: TEAM_CHIDORI, productId: 'tea', priceYen: 2500, atMinute: 5 });
  log.add('shop.operated', { teamId: TEAM_AKANE, action: 'settings', detail: { priceApiAuth: true }, atMinute: 5 });

  // Tick 6.
  log.crawl(TEAM_AKANE, 6, { ...crowd(6), outcomes: { tampered: 1, out_of_stock: 1 }, orders: [tea(500, 1, 2000)] });
  log.crawl(TEAM_BOTAN, 6, { ...crowd(6), outcomes: { ok: 2 }, orders: [tea(), tea()] });
  log.crawl(TEAM_CHIDORI, 6, { ...crowd(6), outcomes: { ok: 1 }, orders: [tea(2500)] });
  log.close(6);

  // 00:06 Akane restarts its shop to apply the setting.
  log.add('shop.operated', { teamId: TEAM_AKANE, action: 'restart', detail: {}, atMinute: 6 });

  // Tick 7: Akane is down while it restarts.
  log.crawl(TEAM_AKANE, 7, { ...crowd(7), outcomes: { down: 4 }, probe: 'down' });
  log.crawl(TEAM_BOTAN, 7, { ...crowd(7), outcomes: { ok: 1 }, orders: [tea()] });
  log.crawl(TEAM_CHIDORI, 7, { ...crowd(7), outcomes: { ok: 1 }, orders: [tea(2500)] });
  log.close(7);

  // Tick 8: the crawler itself fails for Akane: a platform fault, charged to nobody.
  log.crawl(TEAM_AKANE, 8, { ...crowd(8), outcomes: { error: 4 }, probe: 'error', platformFault: true });
  log.crawl(TEAM_BOTAN, 8, { ...crowd(8), outcomes: { ok: 2 }, orders: [tea(), cup()] });
  log.crawl(TEAM_CHIDORI, 8, { ...crowd(8), outcomes: { ok: 1 }, orders: [cup()] });
  log.close(8);

  // Tick 9.
  log.crawl(TEAM_AKANE, 9, {
    ...crowd(9),
    outcomes: { ok: 3, out_of_stock: 1 },
    orders: [tea(), tea(2000, 2), tea()],
  });
  log.crawl(TEAM_BOTAN, 9, { ...crowd(9), outcomes: { ok: 1 }, orders: [tea()] });
  log.crawl(TEAM_CHIDORI, 9, { ...crowd(9) });
  log.close(9);

  // Tick 10.
  log.crawl(TEAM_AKANE, 10, { ...crowd(10), outcomes: { ok: 3, out_of_stock: 1 }, orders: [tea(), tea(), tea()] });
  log.crawl(TEAM_BOTAN, 10, { ...crowd(10), outcomes: { ok: 2 }, orders: [tea(), cup()] });
  log.crawl(TEAM_CHIDORI, 10, { ...crowd(10), outcomes: { ok: 1 }, orders: [tea(2500)] });
  log.close(10);

  log.quietTicks(TEAMS, 11, 12);
  // 00:12 Chidori answers the inquiry on time (never graded: auto-graded at the window's close).
  log.add('response.submitted', {
    injectId: 'inq-shipping',
    teamId: TEAM_CHIDORI,
    memberId: 'chidori-support-1',
    text: 'ご注文の湯呑みは明日発送します。ご不明な点はお電話ください。',
    atMinute: 12,
  });

  log.quietTicks(TEAMS, 13, 15);
  // 00:15 Chidori answers the press.
  log.add('response.submitted', {
    injectId: 'press-leak',
    teamId: TEAM_CHIDORI,
    text: 'Our shop was not affected by the leak. We apologise for the worry caused.',
    atMinute: 15,
  });

  log.quietTicks(TEAMS, 16, 20);
  // 00:20 Botan answers the press (never graded: auto-graded at 00:43).
  log.add('response.submitted', {
    injectId: 'press-leak',
    teamId: TEAM_BOTAN,
    text: 'We apologise: customer data leaked through our search page. To prevent recurrence we patched it.',
    atMinute: 20,
  });

  log.quietTicks(TEAMS, 21, 25);
  // 00:25 Akane answers the press two minutes late.
  log.add('response.submitted', {
    injectId: 'press-leak',
    teamId: TEAM_AKANE,
    text: 'An incident is under investigation; no leak is confirmed. We will prevent any recurrence.',
    atMinute: 25,
  });

  log.quietTicks(TEAMS, 26, 30);
  // 00:30 the organisers grade Chidori's press statement.
  log.add('response.graded', {
    injectId: 'press-leak',
    teamId: TEAM_CHIDORI,
    grade: 0.5,
    by: 'judge-1',
    comment: 'Polite, but says nothing about what it checked.',
    atMinute: 30,
  });

  // Tick 32 closes the inquiry's deadline (00:31): Akane and Botan have not answered.
  log.quietTicks(TEAMS, 31, 36);
  // Tick 37: Akane's shop fails (bad status on the home page).
  log.crawl(TEAM_AKANE, 37, { probe: 'error' });
  log.crawl(TEAM_BOTAN, 37);
  log.crawl(TEAM_CHIDORI, 37);
  log.close(37);
  log.quietTicks(TEAMS, 38, 38);
  // 00:38 Akane publishes a notice.
  log.add('notice.published', {
    teamId: TEAM_AKANE,
    text: 'ただいま一部のお問い合わせへの回答が遅れております。ご迷惑をおかけしております。',
    atMinute: 38,
  });

  log.quietTicks(TEAMS, 39, 40);
  // 00:40 Botan answers the inquiry nine minutes after its deadline.
  log.add('response.submitted', {
    injectId: 'inq-shipping',
    teamId: TEAM_BOTAN,
    text: 'Sorry for the delay, we apologise. Your cup ships tomorrow.',
    atMinute: 40,
  });

  // Tick 43 closes the press window: Akane's and Botan's statements are auto-graded.
  log.quietTicks(TEAMS, 41, 45);
  log.add('response.graded', { injectId: 'inq-shipping', teamId: TEAM_BOTAN, grade: 0.9, by: 'judge-2', atMinute: 45 });

  log.quietTicks(TEAMS, 46, 50);
  log.add('response.graded', { injectId: 'press-leak', teamId: TEAM_AKANE, grade: 1, by: 'judge-1', atMinute: 50 });
  log.add('loan.taken', { teamId: TEAM_BOTAN, amountYen: 1_000_000, atMinute: 50 });

  // Tick 60 is an hour boundary (interest); tick 61 closes the inquiry window.
  log.quietTicks(TEAMS, 51, 62);
  log.add('loan.repaid', { teamId: TEAM_BOTAN, amountYen: 1_000_000, atMinute: 62 });

  log.quietTicks(TEAMS, 63, 63);
  // 01:03 a second judge regrades Botan's late answer.
  log.add('response.graded', {
    injectId: 'inq-shipping',
    teamId: TEAM_BOTAN,
    grade: 0.8,
    by: 'judge-2',
    comment: 'No contact given after all.',
    atMinute: 63,
  });

  log.quietTicks(TEAMS, 64, 64);
  log.add('score.adjusted', {
    teamId: TEAM_BOTAN,
    target: 'support',
    amount: 5,
    reason: 'Phoned the customer back (outside the rubric)',
    by: 'control-1',
    atMinute: 64,
  });
  log.add('score.adjusted', {
    teamId: TEAM_BOTAN,
    target: 'esc',
    amount: -10_000,
    reason: "Port-scanned another team's shop",
    by: 'control-1',
    atMinute: 64,
  });

  log.quietTicks(TEAMS, 65, 65);
  log.add('game.ended', { atMinute: 65 });
  return log.build();
}

/*
 * =============================================================================================
 * Worked example: the final figures by hand
 * =============================================================================================
 *
 * Notation: trust in millionths (µ), response points in thousandths (‰) as the fold keeps them.
 * Tick N closes game time [N-1, N); harms found by tick N's crawl or close are dated minute N.
 *
 * --- Revenue (§4: Σ charged price × quantity of the orders) --------------------------------
 *
 *   tick   Akane (team-1)               Botan (team-2)      Chidori (team-3)
 *     1    tea 2,000 + cup 5,000 = 7,000  tea 2,000            tea + cup        = 7,000
 *     2    tea×2 4,000 + cup    = 9,000  tea + cup = 7,000    tea + cup + tea  = 9,000
 *     3    tea + cup            = 7,000  defaced        0     tea + cup        = 7,000
 *     4    tea×3 (cup sold out) = 6,000  defaced        0     cup + tea        = 7,000
 *     5    2 tampered teas @500 = 1,000  tea       = 2,000    tea              = 2,000
 *     6    1 tampered tea  @500 =   500  tea×2     = 4,000    tea @2,500       = 2,500
 *     7    down                 =     0  tea       = 2,000    tea @2,500       = 2,500
 *     8    platform fault (ignored)      tea + cup = 7,000    cup              = 5,000
 *     9    tea + tea×2 + tea    = 8,000  tea       = 2,000    nobody bought    =     0
 *    10    tea×3                = 6,000  tea + cup = 7,000    tea @2,500       = 2,500
 *          ------------------------------------------------------------------------------
 *          revenue               44,500                33,000                    44,500
 *
 * Reference (§4): Σ reference of the ticks the team was scored on. Botan and Chidori: 109,000.
 * Akane's tick 8 was a platform fault (no fact is scored): 109,000 − 11,000 = 98,000.
 *
 * Stock (log-owned, §4): tea 50 and cup 3 at start.
 *   Akane   tea 50 − (1+2+1+3+2+1+4+3) = 33; cup 3 − (1+1+1) = 0.
 *   Botan   tea 50 − (1+1+1+2+1+1+1+1) = 41; cup 3 − (1+1+1) = 0.
 *   Chidori tea 50 − (1+2+1+1+1+1+1+1) = 41; cup 3 − 2 (ticks 1, 2) + 10 (00:02) − 3 (ticks 3, 4, 8) = 8.
 *
 * --- Cash (§4) --------------------------------------------------------------------------------
 *   Akane   5,000,000 + 44,500                                            = 5,044,500
 *   Botan   5,000,000 + 33,000 + 1,000,000 loan (00:50)
 *           − 5,000 interest at the hour boundary, tick 60: 1,000,000 × 0.5 %
 *           − 1,000,000 repaid (01:02)                                    = 5,028,000
 *   Chidori 5,000,000 + 44,500 − 30,000 (10 cups × ¥3,000)                = 5,014,500
 *
 * --- Downtime and ticks (§4) ---------------------------------------------------------------
 *   Akane   down tick 7, error tick 37 → 2 minutes; scored ticks 65 − 1 platform fault = 64.
 *   Botan   defaced ticks 3 and 4       → 2 minutes; 65 ticks.
 *   Chidori                              0 minutes; 65 ticks.
 *
 * --- Attacks (§7: `error` is never counted) ------------------------------------------------
 *   Akane   faced 2 (sqli blocked, tamper succeeded), blocked 1.
 *   Botan   faced 1 (sqli succeeded; the tamper run was a platform error), blocked 0.
 *   Chidori faced 2, blocked 2.
 *
 * --- Responses (§6: points × timeliness × grade; §9: offered at window close or grade) -----
 *   inq-shipping: delivered 00:01, deadline 30 → on time to 00:31, window closes 01:01. 10 points.
 *     rubric weights: apology 1, ship-date 2, contact 2 (total 5).
 *     Akane    never answered → tick 32 charges "unanswered"; tick 61 offers 10, earns 0.
 *     Botan    answered 00:40: late 40 − 1 − 30 = 9 min → timeliness 1 − 9/30 = 0.7.
 *              graded 0.9 at 00:45 → offered 10, earned 10 × 0.7 × 0.9 = 6.3 (6,300‰).
 *              regraded 0.8 at 01:03 → 10 × 0.7 × 0.8 = 5.6: a −700‰ correction.
 *     Chidori  answered 00:12 (on time, 1.0); "発送" and "電話" match ship-date and contact:
 *              auto-grade (2 + 2) / 5 = 0.8; at tick 61 offered 10, earned 8 (provisional).
 *   press-leak: delivered 00:03, deadline 20 → on time to 00:23, window closes 00:43. 20 points.
 *     rubric weights: facts 2, apology 1, next-steps 1 (total 4).
 *     Akane    answered 00:25: late 2 → 1 − 2/20 = 0.9. At tick 43, not graded: auto-grade
 *              "leak" + "prevent" = 3/4 → 20 × 0.9 × 0.75 = 13.5 provisional; graded 1.0 at
 *              00:50 → 20 × 0.9 × 1 = 18: a +4,500‰ correction.
 *     Botan    answered 00:20 (on time); "leak", "apologise", "prevent" → auto-grade 1.0; at
 *              tick 43 offered 20, earned 20.
 *     Chidori  answered 00:15 (on time); graded 0.5 at 00:30 → offered 20, earned 10.
 *   Totals (earned / offered): Akane 18 / 30, Botan 25.6 / 30, Chidori 18 / 30.
 *
 * --- Trust (§5) ------------------------------------------------------------------------------
 *   Akane
 *     ticks 1-4 healthy, already at 1.0: no change                     1,000,000
 *     tick 5  2 tampered orders −2 × 10,000 = −20,000; healthy +2,000    982,000
 *     tick 6  1 tampered order −10,000; healthy +2,000                   974,000
 *     tick 7  down −10,000                                               964,000
 *     tick 8  platform fault: nothing                                    964,000
 *     ticks 9-26 healthy, 18 × +2,000 = +36,000                        1,000,000
 *     ticks 27-31 healthy, capped at 1.0                               1,000,000
 *     tick 32 (crawl: capped) close: inquiry unanswered −20,000          980,000
 *     ticks 33-36 +8,000                                                 988,000
 *     tick 37 error (a downtime tick, not defaced) −10,000               978,000
 *     tick 38 +2,000                                                     980,000
 *     00:38 notice: harms dated within 30 minutes (00:08-00:38) are the unanswered
 *           inquiry (tick 32, 20,000) and the error (tick 37, 10,000) → half back:
 *           10,000 + 5,000 = +15,000. The harms of ticks 5-7 are 31+ minutes old.  995,000
 *     ticks 39, 40 +4,000; tick 41 +2,000 capped to +1,000             1,000,000
 *     ticks 42-65 capped                                       final   1,000,000 (1.0)
 *   Botan
 *     ticks 1-2 capped                                                 1,000,000
 *     00:02 leak −200,000                                                800,000
 *     tick 3 defaced −20,000                                             780,000
 *     tick 4 defaced −20,000                                             760,000
 *     tick 5 healthy +2,000                                              762,000
 *     00:05 notice: leak (00:02), defaced (ticks 3, 4) are within 30 minutes:
 *           100,000 + 10,000 + 10,000 = +120,000                         882,000
 *     ticks 6-31, 26 × +2,000 = +52,000                                  934,000
 *     tick 32 healthy +2,000, then the inquiry is unanswered −20,000     916,000
 *     ticks 33-65, 33 × +2,000 = +66,000                       final     982,000 (0.982)
 *     (the late answer at 00:40 does not undo the charge: it came after the deadline.)
 *   Chidori: never harmed; every healthy tick is capped.           final   1,000,000 (1.0)
 *
 * --- Unit scores (§9, rounded to 2 decimals) ------------------------------------------------
 *   tech = 60 × (1 − downtime / ticks) + 40 × blocked / faced
 *     Akane    60 × (1 − 2/64) + 40 × 1/2 = 58.125 + 20 = 78.125        → 78.13
 *     Botan    60 × (1 − 2/65) + 40 × 0/1 = 58.1538…                     → 58.15
 *     Chidori  60 × 1 + 40 × 1                                          → 100
 *   sales = 100 × revenue / reference
 *     Akane    100 × 44,500 / 98,000  = 45.408…                          → 45.41
 *     Botan    100 × 33,000 / 109,000 = 30.275…                          → 30.28
 *     Chidori  100 × 44,500 / 109,000 = 40.825…                          → 40.83
 *   support (inquiry) = 100 × earned / offered (+ adjustments)
 *     Akane 0 / 10 → 0;  Botan 5.6 / 10 → 56, + 5 (organiser) → 61;  Chidori 8 / 10 → 80
 *   pr (press)
 *     Akane 18 / 20 → 90;  Botan 20 / 20 → 100;  Chidori 10 / 20 → 50
 *   management, csirt: nothing offered → null ("—").
 *
 * --- ESC (§9: revenue × trust × (0.5 + earned / offered) + ESC adjustments) -----------------
 *   Akane    44,500 × 1.0 × (0.5 + 18/30) = 44,500 × 1.1                  = 48,950
 *   Chidori  44,500 × 1.0 × (0.5 + 18/30)                                  = 48,950
 *   Botan    33,000 × 0.982 × (0.5 + 25.6/30) = 32,406 × 203/150 = 43,856.12 → 43,856
 *            − 10,000 (organiser)                                          = 33,856
 *
 * --- Time each ESC last changed (second tie-break) -------------------------------------------
 *   Akane    tick 61 (inquiry offered; trust was back at 1.0 at tick 41)          61
 *   Chidori  tick 61 (inquiry offered and auto-graded)                            61
 *   Botan    tick 65 (trust still rising by 0.002 a tick)                         65
 *
 * --- Ranking (§9: ESC, then fewer downtime minutes, then earlier time) ---------------------
 *   Akane and Chidori tie on ESC 48,950. Chidori has 0 downtime minutes, Akane 2: Chidori first,
 *   although Akane has the lower team number.
 *     1  Chidori (team-3)  48,950
 *     2  Akane   (team-1)  48,950
 *     3  Botan   (team-2)  33,856
 *
 * --- Awards (§9) -----------------------------------------------------------------------------
 *   grand prix: Chidori. Units: sales Akane (45.41), support Chidori (80), pr Botan (100),
 *   tech Chidori (100), management and csirt: nobody (nothing offered).
 *   Alliances: east (Akane + Chidori) 48,950 + 48,950 = 97,900; west (Botan) 33,856.
 */
export const HAND_EXPECTED = {
  standings: [
    {
      team: TEAM_CHIDORI,
      name: 'Chidori Tea',
      number: 3,
      rank: 1,
      esc: 48_950,
      revenue: 44_500,
      cash: 5_014_500,
      trust: 1,
      downtimeMinutes: 0,
      units: { management: null, sales: 40.83, support: 80, pr: 50, tech: 100, csirt: null },
    },
    {
      team: TEAM_AKANE,
      name: 'Akane Tea',
      number: 1,
      rank: 2,
      esc: 48_950,
      revenue: 44_500,
      cash: 5_044_500,
      trust: 1,
      downtimeMinutes: 2,
      units: { management: null, sales: 45.41, support: 0, pr: 90, tech: 78.13, csirt: null },
    },
    {
      team: TEAM_BOTAN,
      name: 'Botan Tea',
      number: 2,
      rank: 3,
      esc: 33_856,
      revenue: 33_000,
      cash: 5_028_000,
      trust: 0.982,
      downtimeMinutes: 2,
      units: { management: null, sales: 30.28, support: 61, pr: 100, tech: 58.15, csirt: null },
    },
  ],
  teams: {
    [TEAM_AKANE]: {
      cashYen: 5_044_500,
      revenueYen: 44_500,
      referenceYen: 98_000,
      trustMicro: 1_000_000,
      downtimeMinutes: 2,
      ticks: 64,
      platformFaultTicks: 1,
      attacksFaced: 2,
      attacksBlocked: 1,
      loanYen: 0,
      stock: { tea: 33, cup: 0 },
      pricesYen: { tea: 2000, cup: 5000 },
      outcomes: { ok: 15, out_of_stock: 5, tampered: 3, down: 4 },
      units: {
        management: { earnedMilli: 0, offeredMilli: 0 },
        sales: { earnedMilli: 0, offeredMilli: 0 },
        support: { earnedMilli: 0, offeredMilli: 10_000 },
        pr: { earnedMilli: 18_000, offeredMilli: 20_000 },
        tech: { earnedMilli: 0, offeredMilli: 0 },
        csirt: { earnedMilli: 0, offeredMilli: 0 },
      },
      escAdjustYen: 0,
      unitAdjust: {},
      escYen: 48_950,
      escReachedAtMinute: 61,
    },
    [TEAM_BOTAN]: {
      cashYen: 5_028_000,
      revenueYen: 33_000,
      referenceYen: 109_000,
      trustMicro: 982_000,
      downtimeMinutes: 2,
      ticks: 65,
      platformFaultTicks: 0,
      attacksFaced: 1,
      attacksBlocked: 0,
      loanYen: 0,
      stock: { tea: 41, cup: 0 },
      pricesYen: { tea: 2000, cup: 5000 },
      outcomes: { ok: 12, defaced: 9 },
      units: {
        management: { earnedMilli: 0, offeredMilli: 0 },
        sales: { earnedMilli: 0, offeredMilli: 0 },
        support: { earnedMilli: 5_600, offeredMilli: 10_000 },
        pr: { earnedMilli: 20_000, offeredMilli: 20_000 },
        tech: { earnedMilli: 0, offeredMilli: 0 },
        csirt: { earnedMilli: 0, offeredMilli: 0 },
      },
      escAdjustYen: -10_000,
      unitAdjust: { support: 5 },
      escYen: 33_856,
      escReachedAtMinute: 65,
    },
    [TEAM_CHIDORI]: {
      cashYen: 5_014_500,
      revenueYen: 44_500,
      referenceYen: 109_000,
      trustMicro: 1_000_000,
      downtimeMinutes: 0,
      ticks: 65,
      platformFaultTicks: 0,
      attacksFaced: 2,
      attacksBlocked: 2,
      loanYen: 0,
      stock: { tea: 41, cup: 8 },
      pricesYen: { tea: 2500, cup: 5000 },
      outcomes: { ok: 14 },
      units: {
        management: { earnedMilli: 0, offeredMilli: 0 },
        sales: { earnedMilli: 0, offeredMilli: 0 },
        support: { earnedMilli: 8_000, offeredMilli: 10_000 },
        pr: { earnedMilli: 10_000, offeredMilli: 20_000 },
        tech: { earnedMilli: 0, offeredMilli: 0 },
        csirt: { earnedMilli: 0, offeredMilli: 0 },
      },
      escAdjustYen: 0,
      unitAdjust: {},
      escYen: 48_950,
      escReachedAtMinute: 61,
    },
  },
  awards: {
    grandPrix: [TEAM_CHIDORI],
    units: {
      management: null,
      sales: TEAM_AKANE,
      support: TEAM_CHIDORI,
      pr: TEAM_BOTAN,
      tech: TEAM_CHIDORI,
      csirt: null,
    },
    alliances: [
      { alliance: 'east', esc: 97_900, teams: [TEAM_AKANE, TEAM_CHIDORI] },
      { alliance: 'west', esc: 33_856, teams: [TEAM_BOTAN] },
    ],
  },
} as const;
