import { REPO_ROOT } from '@mamoru/testing';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AccountsService } from '../auth/accounts.service';
import type { TestGame, TestMember, TestServer } from '../testing/test-server';
import { startTestServer } from '../testing/test-server';

const MINI = readFileSync(join(REPO_ROOT, 'test', 'fixtures', 'mini.yaml'), 'utf8');
const HOSTILE = '<script>alert("grader")</script> delivery in 2 days <img src=x onerror=alert(1)>';

/**
 * The control room through a real server: the overview with health, the timeline, grading (and
 * the grade in the team's ledger), adjustments, the board freeze, announcements, sandbox resets and
 * the audit trail; organisers only, graders for the overview and grading.
 */
describe('control routes', () => {
  let server: TestServer;
  let game: TestGame;
  let aiko: TestMember; // team-1: support + management
  let grader: { login: string; token: string };
  const org = () => ({ token: server.organiser.token });
  const path = (rest: string) => `/api/games/${game.gameId}${rest}`;

  beforeAll(async () => {
    server = await startTestServer();
    game = await server.setupGame({
      scenarioYaml: MINI,
      teams: ['Sakura', 'Fuji'],
      members: [
        { team: 1, name: 'Aiko', units: ['support', 'management'] },
        { team: 2, name: 'Ren', units: ['support'] },
      ],
    });
    [aiko] = game.members;
    const login = `grader-${game.gameId}`;
    await server.server.app
      .get(AccountsService)
      .createStaffAccount({ login, role: 'grader', password: 'grader-pass-1' });
    grader = { login, token: await server.login(login, 'grader-pass-1') };
    // 3 s per game minute: the timeline tests act long before the attacks at 00:10.
    const started = await server.request('POST', path('/start'), { ...org(), body: { speed: 20 } });
    expect(started.status).toBe(200);
  });

  afterAll(async () => {
    await server?.close();
  });

  it('shows organisers and graders every team live, with queues, shops and leadership', async () => {
    for (const token of [server.organiser.token, grader.token]) {
      const res = await server.request('GET', path('/control'), { token });
      expect(res.status).toBe(200);
      expect(res.body.teams.map((t: { teamId: string }) => t.teamId).sort()).toEqual(['team-1', 'team-2']);
      expect(res.body.timeline.map((e: { injectId: string }) => e.injectId)).toContain('press-1');
      expect(res.body.health.shops).toEqual([
        { teamId: 'team-1', running: expect.any(Boolean), baseUrl: expect.any(String) },
        { teamId: 'team-2', running: expect.any(Boolean), baseUrl: expect.any(String) },
      ]);
      expect(typeof res.body.health.leader).toBe('boolean');
      expect(res.body.health.queues).toHaveProperty('ticks');
    }
  });

  it('refuses member tokens on every control route, and graders outside grading', async () => {
    const routes: [string, string, unknown][] = [
      ['GET', '/control', undefined],
      ['GET', '/submissions', undefined],
      ['GET', '/submissions/team-1/inquiry-1', undefined],
      ['POST', '/submissions/team-1/inquiry-1/grade', { grade: 1 }],
      ['POST', '/injects/press-1/fire', {}],
      ['POST', '/injects/press-1/skip', {}],
      ['POST', '/injects/press-1/reschedule', { at: '00:30' }],
      ['POST', '/teams/team-1/adjustments', { target: 'esc', amount: 1, reason: 'x' }],
      ['POST', '/freeze', {}],
      ['POST', '/unfreeze', {}],
      ['POST', '/announcements', { text: 'hi' }],
      ['POST', '/teams/team-1/sandbox/reset', { reason: 'x' }],
      ['GET', '/audit', undefined],
    ];
    for (const [method, rest, body] of routes) {
      const res = await server.request(method, path(rest), { token: aiko.token, body });
      expect([rest, res.status, res.body.code]).toEqual([rest, 403, 'FORBIDDEN']);
    }
    for (const [method, rest, body] of routes.slice(4)) {
      const res = await server.request(method, path(rest), { token: grader.token, body });
      expect([rest, res.status]).toEqual([rest, 403]);
    }
  });

  it('skips, reschedules and fires injects, each at most once', async () => {
    const skipped = await server.request('POST', path('/injects/attack-tamper/skip'), {
      ...org(),
      body: { reason: 'the shop is down anyway' },
    });
    expect(skipped.status).toBe(201);
    expect(skipped.body.applied).toBe(true);
    expect((await server.request('POST', path('/injects/attack-tamper/skip'), org())).body.applied).toBe(false);

    const moved = await server.request('POST', path('/injects/attack-backup/reschedule'), {
      ...org(),
      body: { at: '00:35' },
    });
    expect(moved.status).toBe(201);
    const tooLate = await server.request('POST', path('/injects/attack-backup/reschedule'), {
      ...org(),
      body: { at: '23:00' },
    });
    expect([tooLate.status, tooLate.body.code]).toEqual([400, 'INVALID']);
    const badTime = await server.request('POST', path('/injects/attack-backup/reschedule'), {
      ...org(),
      body: { at: 'noon' },
    });
    expect([badTime.status, badTime.body.code]).toEqual([400, 'VALIDATION']);
    expect((await server.request('POST', path('/injects/nope/skip'), org())).status).toBe(404);

    const fired = await server.request('POST', path('/injects/press-1/fire'), { ...org(), body: { reason: 'now' } });
    expect(fired.status).toBe(201);
    expect(fired.body.applied).toBe(true);
    // Delivered to both teams by the time the request answers.
    const inbox = (await server.request('GET', path('/teams/team-1'), { token: aiko.token })).body.inbox;
    expect(inbox.map((i: { injectId: string }) => i.injectId)).toContain('press-1');
    expect((await server.request('POST', path('/injects/press-1/fire'), org())).body.applied).toBe(false);

    const timeline = (await server.request('GET', path('/control'), org())).body.timeline;
    const status = (id: string) => timeline.find((e: { injectId: string }) => e.injectId === id);
    expect(status('attack-tamper').status).toBe('skipped');
    expect(status('attack-backup')).toMatchObject({ status: 'waiting', dueMinute: 35 });
    expect(status('press-1').status).toBe('fired');
  });

  it("grades a response (graders too), and the grade shows in the team's ledger", async () => {
    let inbox: { injectId: string }[] = [];
    for (let i = 0; i < 100 && !inbox.some((item) => item.injectId === 'inquiry-1'); i++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      inbox = (await server.request('GET', path('/teams/team-1'), { token: aiko.token })).body.inbox;
    }
    const notYet = await server.request('POST', path('/submissions/team-1/inquiry-1/grade'), {
      token: grader.token,
      body: { grade: 1 },
    });
    expect([notYet.status, notYet.body.code]).toEqual([409, 'CONFLICT']);
    const answered = await server.request('POST', path('/teams/team-1/responses/inquiry-1'), {
      token: aiko.token,
      body: { text: HOSTILE },
      headers: { 'idempotency-key': 'answer-1' },
    });
    expect(answered.status).toBe(201);

    const queue = (await server.request('GET', path('/submissions'), { token: grader.token })).body;
    expect(queue.submissions).toContainEqual(
      expect.objectContaining({ teamId: 'team-1', injectId: 'inquiry-1', graded: false, points: 10 }),
    );
    const submission = await server.request('GET', path('/submissions/team-1/inquiry-1'), { token: grader.token });
    expect(submission.status).toBe(200);
    expect(submission.body).toMatchObject({
      subject: { en: 'About delivery' },
      body: { en: 'How long does delivery take?' },
      response: { text: HOSTILE, memberId: aiko.memberId, memberName: 'Aiko' },
      timeliness: 1,
      autoGrade: 0.5,
      grade: null,
      score: { points: 5, provisional: true },
    });
    expect(submission.body.rubric).toEqual([
      { id: 'answer', text: { ja: '配送日数', en: 'Delivery time' }, weight: 1, keywords: ['配送', 'delivery'] },
      { id: 'polite', text: { ja: '丁寧', en: 'Polite' }, weight: 1, keywords: ['ありがとう', 'thank you'] },
    ]);
    expect((await server.request('GET', path('/submissions/team-2/press-9'), org())).status).toBe(404);

    const unknownItem = await server.request('POST', path('/submissions/team-1/inquiry-1/grade'), {
      token: grader.token,
      body: { items: { answer: 1, tone: 1 } },
    });
    expect([unknownItem.status, unknownItem.body.code]).toEqual([400, 'INVALID']);
    const nothing = await server.request('POST', path('/submissions/team-1/inquiry-1/grade'), {
      token: grader.token,
      body: { comment: 'no grade' },
    });
    expect(nothing.status).toBe(400);
    const graded = await server.request('POST', path('/submissions/team-1/inquiry-1/grade'), {
      token: grader.token,
      body: { items: { answer: 1, polite: 0.5 }, comment: '<b>good</b>, but say thank you' },
    });
    expect(graded.status).toBe(201);
    const after = (await server.request('GET', path('/submissions/team-1/inquiry-1'), org())).body;
    expect(after.grade).toMatchObject({ value: 0.75, by: grader.login, comment: '<b>good</b>, but say thank you' });
    expect(after.score).toEqual({ points: 7.5, provisional: false });

    const ledger = (await server.request('GET', path('/teams/team-1/ledger'), { token: aiko.token })).body;
    const earned = ledger.entries.filter(
      (e: { component: string; cause: { ref?: string } }) => e.component === 'earned' && e.cause.ref === 'inquiry-1',
    );
    expect(earned.reduce((sum: number, e: { amount: number }) => sum + e.amount, 0)).toBe(7500); // thousandths
    const item = (await server.request('GET', path('/teams/team-1'), { token: aiko.token })).body.inbox.find(
      (i: { injectId: string }) => i.injectId === 'inquiry-1',
    );
    expect(item.grade).toMatchObject({ value: 0.75, comment: '<b>good</b>, but say thank you' });
  });

  it('adjusts a score once per Idempotency-Key, with a reason', async () => {
    const send = () =>
      server.request('POST', path('/teams/team-2/adjustments'), {
        ...org(),
        body: { target: 'esc', amount: 12_345, reason: 'helped another team' },
        headers: { 'idempotency-key': 'adjust-once' },
      });
    const [first, second] = [await send(), await send()];
    expect([first.status, first.body.applied, second.status, second.body.applied]).toEqual([201, true, 201, false]);
    const missing = await server.request('POST', path('/teams/team-2/adjustments'), {
      ...org(),
      body: { target: 'esc', amount: 5 },
    });
    expect(missing.status).toBe(400);
    const unknown = await server.request('POST', path('/teams/team-2/adjustments'), {
      ...org(),
      body: { target: 'esc', amount: 5, reason: 'x', silently: true },
    });
    expect(unknown.status).toBe(400);
    expect(
      (
        await server.request('POST', path('/teams/team-9/adjustments'), {
          ...org(),
          body: { target: 'pr', amount: 1, reason: 'x' },
        })
      ).status,
    ).toBe(404);
    const ledger = (await server.request('GET', path('/teams/team-2/ledger'), org())).body;
    expect(ledger.entries.filter((e: { component: string }) => e.component === 'adjustment')).toEqual([
      expect.objectContaining({ amount: 12_345, cause: expect.objectContaining({ kind: 'adjustment' }) }),
    ]);
  });

  it('freezes and unfreezes the board once each', async () => {
    expect((await server.request('POST', path('/freeze'), org())).status).toBe(201);
    const again = await server.request('POST', path('/freeze'), org());
    expect([again.status, again.body.code]).toEqual([409, 'CONFLICT']);
    expect((await server.request('GET', path('/board'))).body.frozen).not.toBeNull();
    expect((await server.request('POST', path('/unfreeze'), { ...org(), body: {} })).status).toBe(201);
    expect((await server.request('GET', path('/board'))).body.frozen).toBeNull();
  });

  it('announces text as text', async () => {
    const text = '<script>alert("all")</script> Lunch & prizes at 12:00';
    expect((await server.request('POST', path('/announcements'), { ...org(), body: { text } })).status).toBe(201);
    const control = (await server.request('GET', path('/control'), org())).body;
    expect(control.announcements.at(-1)).toMatchObject({ text, by: server.organiser.login });
    expect((await server.request('GET', path('/board'))).body.announcements.at(-1).text).toBe(text);
    expect((await server.request('POST', path('/announcements'), { ...org(), body: { text: '   ' } })).status).toBe(
      400,
    );
  });

  it("resets a team's shop with a reason, and pushes the team's catalog to it", async () => {
    const res = await server.request('POST', path('/teams/team-1/sandbox/reset'), {
      ...org(),
      body: { reason: 'locked themselves out' },
    });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ applied: true, seq: expect.any(Number), resynced: true });
    expect((await server.request('POST', path('/teams/team-1/sandbox/reset'), { ...org(), body: {} })).status).toBe(
      400,
    );
    const shops = (await server.request('GET', path('/control'), org())).body.health.shops;
    expect(shops[0]).toMatchObject({ teamId: 'team-1', running: true });
  });

  it('lists who did what, in order and by page', async () => {
    const all = await server.request('GET', path('/audit'), org());
    expect(all.status).toBe(200);
    const entries = all.body.entries as { seq: number; type: string; by: string; reason?: string; summary: string }[];
    expect(entries.map((e) => e.type)).toEqual([
      'clock.started',
      'inject.skipped',
      'inject.rescheduled',
      'inject.fired',
      'response.graded',
      'score.adjusted',
      'board.frozen',
      'board.unfrozen',
      'announcement.posted',
      'sandbox.reset',
    ]);
    expect(entries.filter((e) => e.by === grader.login).map((e) => e.type)).toEqual(['response.graded']);
    expect(entries.find((e) => e.type === 'inject.skipped')).toMatchObject({
      by: server.organiser.login,
      reason: 'the shop is down anyway',
      summary: 'skipped inject attack-tamper',
    });
    expect(entries.find((e) => e.type === 'inject.rescheduled')!.summary).toBe('moved inject attack-backup to 09:35');

    const first = (await server.request('GET', path('/audit?limit=3'), org())).body;
    expect(first.entries).toHaveLength(3);
    const rest = (await server.request('GET', path(`/audit?afterSeq=${first.nextAfterSeq}`), org())).body;
    expect([...first.entries, ...rest.entries]).toEqual(entries);
    expect((await server.request('GET', path('/audit?limit=0'), org())).status).toBe(400);
  });
});
