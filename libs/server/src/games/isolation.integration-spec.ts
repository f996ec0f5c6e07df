import { REPO_ROOT } from '@mamoru/testing';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestGame, TestServer } from '../testing/test-server';
import { startTestServer } from '../testing/test-server';

const MINI = readFileSync(join(REPO_ROOT, 'test', 'fixtures', 'mini.yaml'), 'utf8');

/**
 * Who sees what (game-model §10, security): a team never reads or acts on another team, the
 * audience never receives team-private data or hidden injects and sees frozen figures while the
 * board is frozen, organiser routes refuse other roles, and a member away on a transfer is refused.
 */
describe('isolation between teams, the audience and the control room', () => {
  let server: TestServer;
  let game: TestGame;
  const org = () => ({ token: server.organiser.token });

  beforeAll(async () => {
    server = await startTestServer();
    game = await server.setupGame({
      scenarioYaml: MINI,
      teams: ['<script>alert("t")</script>', 'Fuji'],
      members: [
        { team: 1, name: 'Aiko <img src=x onerror=alert(1)>', units: ['support', 'management'] },
        { team: 2, name: 'Ren', units: ['sales', 'support'] },
        { team: 2, name: 'Kai', units: ['tech'] },
      ],
    });
    const started = await server.request('POST', `/api/games/${game.gameId}/start`, { ...org(), body: { speed: 60 } });
    expect(started.status).toBe(200);
  });

  afterAll(async () => {
    await server?.close();
  });

  it('keeps names with markup as text', async () => {
    const summary = (await server.request('GET', `/api/games/${game.gameId}`)).body;
    expect(summary.teams[0].name).toBe('<script>alert("t")</script>');
    const members = (await server.request('GET', `/api/games/${game.gameId}/members`, org())).body.members;
    expect(members.map((m: { name: string }) => m.name)).toContain('Aiko <img src=x onerror=alert(1)>');
  });

  it("refuses a team token on another team's dashboard, ledger and actions (403)", async () => {
    const [aiko] = game.members;
    const other = `/api/games/${game.gameId}/teams/team-2`;
    expect((await server.request('GET', other, { token: aiko.token })).status).toBe(403);
    expect((await server.request('GET', `${other}/ledger`, { token: aiko.token })).status).toBe(403);
    expect((await server.request('GET', `${other}/history`, { token: aiko.token })).status).toBe(403);
    expect((await server.request('GET', '/api/scenarios', { token: aiko.token })).status).toBe(403);
    const loan = await server.request('POST', `${other}/loans`, {
      token: aiko.token,
      body: { amountYen: 1000 },
      headers: { 'idempotency-key': 'steal' },
    });
    expect(loan.status).toBe(403);
    expect((await server.request('GET', `/api/games/${game.gameId}/teams/team-1`, { token: aiko.token })).status).toBe(
      200,
    );
  });

  it('refuses a member outside the addressed unit', async () => {
    const kai = game.members[2]; // tech only
    const res = await server.request('POST', `/api/games/${game.gameId}/teams/team-2/loans`, {
      token: kai.token,
      body: { amountYen: 1000 },
      headers: { 'idempotency-key': 'not-mine' },
    });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('WRONG_UNIT');
  });

  it('refuses team tokens and anonymous callers on organiser routes', async () => {
    const [aiko] = game.members;
    for (const [method, path] of [
      ['POST', `/api/games/${game.gameId}/pause`],
      ['POST', `/api/games/${game.gameId}/freeze`],
      ['GET', `/api/games/${game.gameId}/control`],
      ['GET', `/api/games/${game.gameId}/members`],
      ['POST', `/api/games`],
    ] as const) {
      const body = method === 'POST' ? {} : undefined;
      expect((await server.request(method, path, { token: aiko.token, body })).status).toBe(403);
      expect((await server.request(method, path, { body })).status).toBe(401);
    }
  });

  it('gives the team channel only to members, in their own team room', async () => {
    const [aiko, ren] = game.members;
    const anonymous = await server.connect('team', { gameId: game.gameId });
    await anonymous.closed();
    expect(anonymous.refused?.code).toBe('VALIDATION');
    const forged = await server.connect('team', { gameId: game.gameId, token: 'not-a-token' });
    await forged.closed();
    expect(forged.refused?.code).toBe('UNAUTHENTICATED');
    const control = await server.connect('control', { gameId: game.gameId, token: aiko.token });
    await control.closed();
    expect(control.refused?.code).toBe('FORBIDDEN');

    const mine = await server.connect('team', { gameId: game.gameId, token: aiko.token });
    const theirs = await server.connect('team', { gameId: game.gameId, token: ren.token });
    await mine.waitFor((m) => m.kind === 'update');
    await theirs.waitFor((m) => m.kind === 'update');
    expect(mine.messages.every((m) => m.view.team.teamId === 'team-1')).toBe(true);
    expect(theirs.messages.every((m) => m.view.team.teamId === 'team-2')).toBe(true);
  });

  it('never gives the audience an inbox, a response, a hidden inject or a member', async () => {
    const board = await server.connect('audience', { gameId: game.gameId });
    await board.waitFor((m) => m.kind === 'update' && m.view.clock.tick >= 3, 30_000);
    const [aiko] = game.members;
    await server.request('POST', `/api/games/${game.gameId}/teams/team-1/responses/inquiry-1`, {
      token: aiko.token,
      body: { text: 'SECRET-ANSWER delivery in 2 days' },
      headers: { 'idempotency-key': 'r1' },
    });
    const tick = board.latest!.view.clock.tick;
    await board.waitFor((m) => m.view.clock.tick >= tick + 2, 30_000);
    const everything = JSON.stringify(board.messages.map((m) => m.view));
    for (const secret of [
      'SECRET-ANSWER',
      'inbox',
      'press-1',
      'Tell us the facts',
      'Aiko',
      'cashYen',
      'members',
      'rubric',
    ])
      expect(everything).not.toContain(secret);
  });

  it('shows frozen figures to the audience while teams and organisers see live ones', async () => {
    const freeze = await server.request('POST', `/api/games/${game.gameId}/freeze`, org());
    expect(freeze.status).toBe(201);
    const frozenBoard = (await server.request('GET', `/api/games/${game.gameId}/board`)).body;
    expect(frozenBoard.frozen).not.toBeNull();
    const board = await server.connect('audience', { gameId: game.gameId });
    const atFreeze = (await board.waitFor((m) => m.kind === 'snapshot')).view;
    // Sales go on: teams see revenue move while the audience keeps the frozen figures.
    const [aiko] = game.members;
    const teamStart = (await server.request('GET', `/api/games/${game.gameId}/teams/team-1`, { token: aiko.token }))
      .body;
    await board.waitFor((m) => m.view.clock.tick >= atFreeze.clock.tick + 4, 30_000);
    const teamNow = (await server.request('GET', `/api/games/${game.gameId}/teams/team-1`, { token: aiko.token })).body;
    expect(teamNow.team.revenueYen).toBeGreaterThan(teamStart.team.revenueYen);
    for (const m of board.messages) {
      expect(m.view.frozen).not.toBeNull();
      expect(m.view.standings).toEqual(atFreeze.standings);
    }
    // The chart's history stops at the freeze too.
    const history = (await server.request('GET', `/api/games/${game.gameId}/board/history`)).body;
    expect(Math.max(...history.ticks)).toBeLessThanOrEqual(atFreeze.clock.tick);
    const row = atFreeze.standings.find((s: { teamId: string }) => s.teamId === 'team-1');
    expect(history.revenueYen[0].at(-1)).toBe(row.revenueYen);
    // The team's own chart stays live: it goes past the freeze and ends on the figures the team sees.
    const own = await server.request('GET', `/api/games/${game.gameId}/teams/team-1/history`, { token: aiko.token });
    expect(own.status).toBe(200);
    expect(Math.max(...own.body.ticks)).toBeGreaterThan(atFreeze.clock.tick);
    expect(own.body.revenueYen.at(-1)).toBeGreaterThan(row.revenueYen);
    expect(own.body.cashYen).toHaveLength(own.body.ticks.length);
    expect(own.body.trust.every((t: number) => t >= 0 && t <= 1)).toBe(true);
    const control = (await server.request('GET', `/api/games/${game.gameId}/control`, org())).body;
    const live = control.teams.find((t: { teamId: string }) => t.teamId === 'team-1');
    expect(live.revenueYen).toBeGreaterThanOrEqual(teamNow.team.revenueYen);
    expect((await server.request('POST', `/api/games/${game.gameId}/unfreeze`, org())).status).toBe(201);
    await board.waitFor((m) => m.view.frozen === null, 10_000);
  });

  it('refuses a member away on a transfer, on REST and on the team channel, until it ends', async () => {
    const ren = game.members[1];
    const connected = await server.connect('team', { gameId: game.gameId, token: ren.token });
    await connected.waitFor((m) => m.kind === 'snapshot');
    const transfer = await server.request('POST', `/api/games/${game.gameId}/members/${ren.memberId}/transfer`, {
      ...org(),
      body: { minutes: 3, reason: '人事異動' },
    });
    expect(transfer.status).toBe(200);
    const refused = await server.request('GET', `/api/games/${game.gameId}/teams/team-2`, { token: ren.token });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('MEMBER_DISABLED');
    await connected.closed(); // the open team channel is closed at once
    expect(connected.refused?.code).toBe('MEMBER_DISABLED');
    const socket = await server.connect('team', { gameId: game.gameId, token: ren.token });
    await socket.closed();
    expect(socket.refused?.code).toBe('MEMBER_DISABLED');
    // Three game minutes later (speed 60: about 3 s) the member is back.
    let status = 403;
    for (let i = 0; i < 60 && status === 403; i++) {
      await new Promise((r) => setTimeout(r, 250));
      status = (await server.request('GET', `/api/games/${game.gameId}/teams/team-2`, { token: ren.token })).status;
    }
    expect(status).toBe(200);
  });
});
