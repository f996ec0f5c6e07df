import type { ControlView, SubmissionView } from '@mamoru/domain';
import type { RequestOptions } from '../api/client';
import type { ControlApi } from './control-types';

/** Test data for the control room's component specs: a hand-made view, a submission, a fake API. */

export function controlViewFixture(overrides: Partial<ControlView> = {}): ControlView {
  return {
    gameId: 'hc-day-1',
    seq: 42,
    title: { ja: 'ミニゲーム', en: 'Mini game' },
    clock: {
      status: 'running',
      gameMs: 10 * 60_000,
      wallMs: Date.now(),
      speed: 1,
      tick: 10,
      durationMinutes: 40,
      clockStartsAtMinutes: 540,
    },
    frozen: null,
    teams: [
      {
        teamId: 'team-1',
        name: 'Red <b>Falcons</b>',
        number: 1,
        rank: 1,
        escYen: 1_234_567,
        cashYen: 5_000_000,
        revenueYen: 24_000,
        trust: 0.982,
        downtimeMinutes: 3,
        lastProbe: 'ok',
        attacksFaced: 2,
        attacksBlocked: 1,
        members: 2,
        awaitingGrade: 1,
        units: { management: 50, sales: null, support: 12.5, pr: null, tech: 80, csirt: null },
      },
      {
        teamId: 'team-2',
        name: 'Blue Owls',
        number: 2,
        rank: 2,
        escYen: 1_000_000,
        cashYen: -500,
        revenueYen: 12_000,
        trust: 0.9,
        downtimeMinutes: 0,
        lastProbe: 'defaced',
        attacksFaced: 2,
        attacksBlocked: 0,
        members: 1,
        awaitingGrade: 0,
        units: { management: null, sales: null, support: null, pr: null, tech: null, csirt: null },
      },
    ],
    timeline: [
      {
        injectId: 'welcome',
        kind: 'notice',
        unit: 'management',
        title: { ja: 'ようこそ', en: 'Welcome' },
        atMinute: 0,
        status: 'done',
        targets: 'all',
      },
      {
        injectId: 'press-1',
        kind: 'press',
        unit: 'pr',
        title: { ja: '記者からの問い合わせ', en: 'A reporter asks' },
        atMinute: 25,
        status: 'waiting',
        dueMinute: 25,
        targets: [2],
      },
      {
        injectId: 'skip-me',
        kind: 'inquiry',
        unit: 'support',
        title: { ja: '問い合わせ', en: 'An inquiry' },
        atMinute: 5,
        status: 'skipped',
        targets: 'all',
      },
    ],
    grading: [
      {
        teamId: 'team-1',
        injectId: 'complaint-1',
        unit: 'support',
        subject: { ja: 'お客様からの苦情', en: 'A customer complains' },
        submittedMinute: 8,
        deadlineMinute: 20,
        graded: false,
        provisionalPoints: 4,
        points: 10,
      },
    ],
    announcements: [{ announcementId: 'a1', text: 'Lunch at <12:00>', atMinute: 3, by: 'admin' }],
    ...overrides,
  };
}

export function submissionFixture(overrides: Partial<SubmissionView> = {}): SubmissionView {
  return {
    teamId: 'team-1',
    teamName: 'Red Falcons',
    injectId: 'complaint-1',
    kind: 'complaint',
    unit: 'support',
    subject: { ja: 'お客様からの苦情', en: 'A customer complains' },
    body: { ja: '注文が届きません。', en: 'My order never came.' },
    rubric: [
      { id: 'apology', text: { ja: 'お詫び', en: 'Apologises' }, weight: 1, keywords: ['申し訳'] },
      { id: 'plan', text: { ja: '対応策', en: 'Gives a plan' }, weight: 2, keywords: [] },
    ],
    points: 10,
    deliveredMinute: 5,
    deadlineMinute: 20,
    response: {
      text: '<script>alert(1)</script>\n申し訳ありません。',
      atMinute: 8,
      compensationYen: 0,
      memberId: 'm1',
      memberName: 'Aiko',
    },
    timeliness: 1,
    autoGrade: 0.5,
    grade: null,
    score: { points: 5, provisional: true },
    counted: false,
    ...overrides,
  };
}

export interface ApiCall {
  path: string;
  method: string;
  body: unknown;
  idempotencyKey?: string;
}

/** A `ControlApi` answering from `routes` (`'POST /api/games/x/freeze'` → answer, or throw); records calls. */
export function fakeApi(routes: Record<string, (body: unknown) => unknown>): ControlApi & { calls: ApiCall[] } {
  const calls: ApiCall[] = [];
  return {
    calls,
    async request<T>(path: string, options: Omit<RequestOptions, 'token' | 'signal'> = {}): Promise<T> {
      const method = options.method ?? 'GET';
      calls.push({ path, method, body: options.body, idempotencyKey: options.idempotencyKey });
      const handler = routes[`${method} ${path}`];
      if (!handler) throw new Error(`no route ${method} ${path}`);
      return handler(options.body) as T;
    },
  };
}
