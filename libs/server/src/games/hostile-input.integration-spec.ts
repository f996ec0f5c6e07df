import type { TestGame, TestServer } from '../testing/test-server';
import { startTestServer } from '../testing/test-server';

/** Bad input gets a clear error in the one error shape and changes nothing. */
describe('hostile input against the game API', () => {
  let server: TestServer;
  let game: TestGame;
  const org = () => ({ token: server.organiser.token });

  beforeAll(async () => {
    server = await startTestServer({ loginLimitPerMinute: 6 });
    game = await server.setupGame({ scenarioName: 'classic', teams: ['A', 'B'] });
  });

  afterAll(async () => {
    await server?.close();
  });

  it('lists the bundled scenarios to organisers only', async () => {
    const listed = await server.request('GET', '/api/scenarios', org());
    expect(listed.status).toBe(200);
    const classic = listed.body.scenarios.find((s: { name: string }) => s.name === 'classic');
    expect(classic).toMatchObject({ id: 'classic', durationMinutes: 480, units: 6 });
    expect(classic.title.ja).toBeTruthy();
    expect((await server.request('GET', '/api/scenarios')).status).toBe(401);
  });

  it('reports every scenario problem at its line and column', async () => {
    const yaml = "id: broken\ntitle: { ja: 壊れ, en: Broken }\nduration: '25:99'\nproducts: []\ndemand: []\nbogus: 1\n";
    const res = await server.request('POST', '/api/games', { ...org(), body: { scenarioYaml: yaml } });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('SCENARIO_INVALID');
    expect(res.body.errors.length).toBeGreaterThanOrEqual(2);
    expect(res.body.errors.map((e: { message: string }) => e.message).join('\n')).toMatch(/upload\.yaml:6:1: .*bogus/);
  });

  it('refuses a second game with the same id, and leaves the first as it was', async () => {
    const again = await server.request('POST', '/api/games', {
      ...org(),
      body: { scenarioName: 'classic', gameId: game.gameId, teams: [{ name: 'A' }, { name: 'B' }, { name: 'C' }] },
    });
    expect(again.status).toBe(409);
    const summary = (await server.request('GET', `/api/games/${game.gameId}`)).body;
    expect(summary.teams).toHaveLength(2);
  });

  it('refuses malformed JSON, wrong types and unknown fields with 400 and the error shape', async () => {
    const malformed = await server.request('POST', `/api/games/${game.gameId}/teams`, {
      ...org(),
      rawBody: '{"teams": [',
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ code: 'MALFORMED_JSON' });
    const wrongType = await server.request('POST', `/api/games/${game.gameId}/teams`, {
      ...org(),
      body: { teams: 'A' },
    });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.code).toBe('VALIDATION');
    const unknown = await server.request('POST', `/api/games/${game.gameId}/teams`, {
      ...org(),
      body: { teams: [{ name: 'C' }], admin: true },
    });
    expect(unknown.status).toBe(400);
    const summary = (await server.request('GET', `/api/games/${game.gameId}`)).body;
    expect(summary.teams).toHaveLength(2); // nothing was registered
  });

  it('refuses an oversized body with 413', async () => {
    const res = await server.request('POST', `/api/games/${game.gameId}/announcements`, {
      ...org(),
      rawBody: JSON.stringify({ text: 'x'.repeat(3 * 1024 * 1024) }),
    });
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('refuses bad CSV imports and names the line', async () => {
    const res = await server.request('POST', `/api/games/${game.gameId}/members`, {
      ...org(),
      body: { csv: 'team,name,units\nteam-1,Aki,sales\nteam-1,Bo,hacking\n' },
    });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/line 3.*hacking/);
    const ok = await server.request('POST', `/api/games/${game.gameId}/members`, {
      ...org(),
      body: { csv: 'team,name,units,login\nteam-1,"Sato, Aki",sales|pr,\nteam-2,Bo,tech,\n' },
    });
    expect(ok.status).toBe(201);
    expect(ok.body.members.map((m: { name: string }) => m.name)).toEqual(['Sato, Aki', 'Bo']);
    expect(ok.body.members[0].joinCode).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    // All or nothing: one taken login refuses the whole import.
    const before = (await server.request('GET', `/api/games/${game.gameId}/members`, org())).body.members.length;
    const taken = ok.body.members[1].login;
    const clash = await server.request('POST', `/api/games/${game.gameId}/members`, {
      ...org(),
      body: { csv: `team,name,units,login\nteam-1,Cho,sales,cho-${game.gameId}\nteam-2,Dai,tech,${taken}\n` },
    });
    expect(clash.status).toBe(409);
    expect(clash.body.message).toContain(taken);
    const after = (await server.request('GET', `/api/games/${game.gameId}/members`, org())).body.members.length;
    expect(after).toBe(before);
  });

  it('acts once on a replayed idempotency key', async () => {
    await server.request('POST', `/api/games/${game.gameId}/start`, { ...org(), body: { speed: 1 } });
    const member = game.members[0];
    const path = `/api/games/${game.gameId}/teams/${member.teamId}/loans`;
    const send = () =>
      server.request('POST', path, {
        token: member.token,
        body: { amountYen: 100_000 },
        headers: { 'idempotency-key': 'loan-1' },
      });
    const results = await Promise.all([send(), send(), send()]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 201, 201]);
    expect(results.filter((r) => r.body.applied).length).toBe(1);
    const view = (
      await server.request('GET', `/api/games/${game.gameId}/teams/${member.teamId}`, { token: member.token })
    ).body;
    expect(view.team.loanYen).toBe(100_000);
    const noKey = await server.request('POST', path, { token: member.token, body: { amountYen: 1 } });
    expect(noKey.status).toBe(400);
  });

  it('throttles brute-force logins with 429', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      statuses.push(
        (await server.request('POST', '/api/auth/login', { body: { login: 'admin', password: `guess-${i}` } })).status,
      );
    }
    const first429 = statuses.indexOf(429);
    expect(first429).toBeGreaterThan(-1);
    expect(statuses.slice(0, first429).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(first429).every((s) => s === 429)).toBe(true);
    const limited = await server.request('POST', '/api/auth/login', { body: { login: 'admin', password: 'x' } });
    expect(limited.body.code).toBe('RATE_LIMITED');
  });
});
