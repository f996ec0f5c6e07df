import { REPO_ROOT } from '@mamoru/testing';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GameRegistry } from '../games/game-registry';
import type { TestGame, TestMember, TestServer } from '../testing/test-server';
import { startTestServer } from '../testing/test-server';

/** The mini game, with a marketplace item to ask for. */
const SCENARIO = `${readFileSync(join(REPO_ROOT, 'test', 'fixtures', 'mini.yaml'), 'utf8')}
marketplace:
  - id: waf
    name: { ja: WAF, en: Web application firewall }
    category: monitoring
    priceYen: 400000
    leadMinutes: 5
`;

const HOSTILE = '<script>alert("x")</script> 配送は2日です & thank you <img src=x onerror=alert(1)>';

/**
 * The team API through a real server (Redis, the event store, the bundled shops): who may read and
 * act for a team, by unit; idempotent actions; the ledger; the shop console; text kept as text.
 */
describe('team routes', () => {
  let server: TestServer;
  let game: TestGame;
  let aiko: TestMember; // team-1: support + management
  let sho: TestMember; // team-1: sales + pr
  let tomo: TestMember; // team-1: tech
  let ren: TestMember; // team-2: sales + support
  let keys = 0;
  const teamPath = (teamId = 'team-1') => `/api/games/${game.gameId}/teams/${teamId}`;
  /** A team action with a fresh Idempotency-Key (or the one given). */
  const act = (member: { token: string }, method: string, path: string, body?: unknown, key = `k-${++keys}`) =>
    server.request(method, `${teamPath()}${path}`, { token: member.token, body, headers: { 'idempotency-key': key } });
  const view = async (member: { token: string } = aiko) =>
    (await server.request('GET', teamPath(), { token: member.token })).body;

  beforeAll(async () => {
    server = await startTestServer();
    game = await server.setupGame({
      scenarioYaml: SCENARIO,
      teams: ['Sakura <b>', 'Fuji'],
      members: [
        { team: 1, name: 'Aiko', units: ['support', 'management'] },
        { team: 1, name: 'Sho <i>', units: ['sales', 'pr'] },
        { team: 1, name: 'Tomo', units: ['tech'] },
        { team: 2, name: 'Ren', units: ['sales', 'support'] },
      ],
    });
    [aiko, sho, tomo, ren] = game.members;
    const started = await server.request('POST', `/api/games/${game.gameId}/start`, {
      token: server.organiser.token,
      body: { speed: 60 },
    });
    expect(started.status).toBe(200);
  });

  afterAll(async () => {
    await server?.close();
  });

  it("shows the team's dashboard to its members and to organisers only", async () => {
    const mine = await server.request('GET', teamPath(), { token: aiko.token });
    expect(mine.status).toBe(200);
    expect(mine.body.team).toMatchObject({ teamId: 'team-1', name: 'Sakura <b>', loanYen: 0 });
    expect(mine.body.members.map((m: { name: string }) => m.name)).toEqual(['Aiko', 'Sho <i>', 'Tomo']);
    expect((await server.request('GET', teamPath(), { token: server.organiser.token })).status).toBe(200);
    const theirs = await server.request('GET', teamPath('team-2'), { token: aiko.token });
    expect(theirs.status).toBe(403);
    expect(theirs.body.code).toBe('FORBIDDEN');
    expect((await server.request('GET', `${teamPath('team-2')}/ledger`, { token: aiko.token })).status).toBe(403);
    expect((await server.request('GET', teamPath('team-9'), { token: server.organiser.token })).status).toBe(404);
  });

  it('lets only the team act for itself: not another team, not an organiser', async () => {
    const other = await server.request('POST', `${teamPath('team-2')}/stock-orders`, {
      token: sho.token,
      body: { productId: 'sencha', quantity: 1 },
      headers: { 'idempotency-key': 'cross-team' },
    });
    expect(other.status).toBe(403);
    expect(other.body.code).toBe('FORBIDDEN');
    const organiser = await act(server.organiser, 'POST', '/loans', { amountYen: 1000 });
    expect(organiser.status).toBe(403);
  });

  it("refuses a member outside the action's unit (403 WRONG_UNIT), by the units the log gives them", async () => {
    for (const [member, path, body] of [
      [tomo, '/loans', { amountYen: 1000 }],
      [aiko, '/prices', { productId: 'sencha', priceYen: 1300 }],
      [sho, '/loans/repayments', { amountYen: 1 }],
      [aiko, '/notices', { text: 'hello' }],
      [sho, '/shop/restart', {}],
    ] as const) {
      const res = await act(member, 'POST', path, body);
      expect([path, res.status, res.body.code]).toEqual([path, 403, 'WRONG_UNIT']);
    }
    expect((await server.request('GET', `${teamPath()}/shop/settings`, { token: aiko.token })).body.code).toBe(
      'WRONG_UNIT',
    );
  });

  it('acts once for a repeated Idempotency-Key, and needs one', async () => {
    const first = await act(sho, 'POST', '/stock-orders', { productId: 'sencha', quantity: 5 }, 'order-once');
    const again = await act(sho, 'POST', '/stock-orders', { productId: 'sencha', quantity: 5 }, 'order-once');
    expect(first.status).toBe(201);
    expect(first.body).toEqual({ applied: true, seq: expect.any(Number) });
    expect(again.status).toBe(201);
    expect(again.body).toEqual({ applied: false, seq: expect.any(Number) });
    // Sales move cash every tick: count the stock orders in the ledger instead.
    const ledger = (await server.request('GET', `${teamPath()}/ledger`, { token: sho.token })).body;
    const orders = ledger.entries.filter(
      (e: { component: string; cause: { kind: string } }) => e.component === 'cash' && e.cause.kind === 'stock',
    );
    expect(orders).toEqual([expect.objectContaining({ amount: -5 * 600 })]);

    const badKeys: Record<string, string>[] = [
      {},
      { 'idempotency-key': 'with space' },
      { 'idempotency-key': 'x'.repeat(201) },
    ];
    for (const headers of badKeys) {
      const res = await server.request('POST', `${teamPath()}/stock-orders`, {
        token: sho.token,
        body: { productId: 'sencha', quantity: 1 },
        headers,
      });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('IDEMPOTENCY_KEY_REQUIRED');
    }
  });

  it('refuses unknown fields and wrong types with 400 VALIDATION, and maps rule violations', async () => {
    const unknown = await act(sho, 'POST', '/prices', { productId: 'sencha', priceYen: 1100, free: true });
    expect(unknown.status).toBe(400);
    expect(unknown.body.code).toBe('VALIDATION');
    expect(unknown.body.errors).toContainEqual({ path: 'free', message: 'unknown field' });
    expect((await act(sho, 'POST', '/prices', { productId: 'sencha', priceYen: '1100' })).status).toBe(400);
    expect((await act(sho, 'POST', '/ads', { boost: 10 })).status).toBe(400);
    const noProduct = await act(sho, 'POST', '/prices', { productId: 'gyokuro', priceYen: 1100 });
    expect([noProduct.status, noProduct.body.code]).toEqual([404, 'NOT_FOUND']);
    const tooMuch = await act(aiko, 'POST', '/loans', { amountYen: 999_000_000 });
    expect([tooMuch.status, tooMuch.body.code]).toEqual([400, 'INVALID']);
  });

  it('runs the business actions of each unit', async () => {
    expect((await act(sho, 'POST', '/prices', { productId: 'matcha', priceYen: 2500 })).status).toBe(201);
    expect((await act(sho, 'POST', '/ads')).status).toBe(201); // no body at all
    expect((await act(aiko, 'POST', '/loans', { amountYen: 200_000 })).status).toBe(201);
    expect((await act(aiko, 'POST', '/loans/repayments', { amountYen: 50_000 })).status).toBe(201);
    expect((await act(sho, 'POST', '/notices', { text: HOSTILE })).status).toBe(201);
    const team = (await view()).team;
    expect(team.pricesYen.matcha).toBe(2500);
    expect(team.loanYen).toBe(150_000);
    expect(team.ads).toHaveLength(1);
    expect(team.notices.at(-1).text).toBe(HOSTILE.trim());
  });

  it('asks for a marketplace item (any member, the key is the request id) and approves it (management)', async () => {
    const asked = await act(tomo, 'POST', '/market/requests', { itemId: 'waf', note: '<b>urgent</b>' }, 'req-waf-1');
    expect(asked.status).toBe(201);
    expect((await act(tomo, 'POST', '/market/requests/req-waf-1/decision', { approved: true })).body.code).toBe(
      'WRONG_UNIT',
    );
    expect((await act(aiko, 'POST', '/market/requests/req-waf-1/decision', { approved: true })).status).toBe(201);
    const after = await view();
    expect(after.market.requests).toEqual([
      expect.objectContaining({ requestId: 'req-waf-1', itemId: 'waf', note: '<b>urgent</b>', status: 'approved' }),
    ]);
    const ledger = (await server.request('GET', `${teamPath()}/ledger`, { token: tomo.token })).body;
    expect(ledger.entries).toContainEqual(
      expect.objectContaining({
        component: 'cash',
        amount: -400_000,
        cause: expect.objectContaining({ kind: 'market' }),
      }),
    );
    const missing = await act(aiko, 'POST', '/market/requests/nope/decision', { approved: false });
    expect(missing.status).toBe(404);
  });

  it('answers an inbox item by a member of its unit, keeping the text byte for byte', async () => {
    let inbox: { injectId: string }[] = [];
    for (let i = 0; i < 100 && !inbox.some((item) => item.injectId === 'inquiry-1'); i++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      inbox = (await view()).inbox;
    }
    const wrong = await act(sho, 'POST', '/responses/inquiry-1', { text: 'not mine' });
    expect([wrong.status, wrong.body.code]).toEqual([403, 'WRONG_UNIT']);
    expect((await act(aiko, 'POST', '/responses/no-such-inject', { text: 'x' })).status).toBe(404);
    const answered = await act(aiko, 'POST', '/responses/inquiry-1', { text: HOSTILE });
    expect(answered.status).toBe(201);
    const item = (await view()).inbox.find((i: { injectId: string }) => i.injectId === 'inquiry-1');
    expect(item.response.text).toBe(HOSTILE);
    expect(item.response.memberId).toBe(aiko.memberId);
    expect(item.deadlineMinute).toBe(item.deliveredMinute + 6);
    // Team 2 got the same inquiry, answered by its own support member.
    const theirs = await server.request('POST', `${teamPath('team-2')}/responses/inquiry-1`, {
      token: ren.token,
      body: { text: 'Delivery in 3 days.' },
      headers: { 'idempotency-key': 'ren-1' },
    });
    expect(theirs.status).toBe(201);
  });

  it('moves a member between units (management), and the move counts at once', async () => {
    expect((await act(sho, 'POST', `/members/${tomo.memberId}/units`, { units: ['tech', 'pr'] })).body.code).toBe(
      'WRONG_UNIT',
    );
    expect((await act(aiko, 'POST', `/members/${ren.memberId}/units`, { units: ['tech'] })).status).toBe(404);
    expect((await act(aiko, 'POST', `/members/${tomo.memberId}/units`, { units: ['tech', 'pr'] })).status).toBe(201);
    expect((await act(tomo, 'POST', '/notices', { text: 'Tomo speaks for us now' })).status).toBe(201);
  });

  it('gives the ledger with causes, by page, to members and organisers', async () => {
    const whole = await server.request('GET', `${teamPath()}/ledger`, { token: aiko.token });
    expect(whole.status).toBe(200);
    expect(whole.body.nextAfterSeq).toBeUndefined();
    const entries = whole.body.entries as { seq: number; component: string; amount: number; cause: { kind: string } }[];
    expect(entries.length).toBeGreaterThan(3);
    expect(entries.some((e) => e.component === 'cash' && e.amount === -400_000)).toBe(true);
    expect(entries.every((e, i) => i === 0 || entries[i - 1].seq <= e.seq)).toBe(true);

    const first = await server.request('GET', `${teamPath()}/ledger?limit=1`, { token: server.organiser.token });
    expect(first.status).toBe(200);
    const next = first.body.nextAfterSeq as number;
    expect(next).toBe(entries[0].seq);
    const rest = await server.request('GET', `${teamPath()}/ledger?afterSeq=${next}&limit=5000`, { token: aiko.token });
    expect(rest.body.entries[0].seq).toBeGreaterThan(next);
    expect((await server.request('GET', `${teamPath()}/ledger?afterSeq=-1`, { token: aiko.token })).status).toBe(400);
    expect((await server.request('GET', `${teamPath()}/ledger?page=2`, { token: aiko.token })).status).toBe(400);
  });

  it("runs the shop's ops console for the tech unit, logs as plain strings", async () => {
    const settings = await server.request('GET', `${teamPath()}/shop/settings`, { token: tomo.token });
    expect(settings.status).toBe(200);
    expect(settings.body).toEqual({
      searchSafeQueries: expect.any(Boolean),
      priceApiRequireAuth: expect.any(Boolean),
      backupExposed: expect.any(Boolean),
    });
    const changed = await act(tomo, 'PUT', '/shop/settings', { searchSafeQueries: true, backupExposed: false });
    expect(changed.status).toBe(201);
    const now = (await server.request('GET', `${teamPath()}/shop/settings`, { token: tomo.token })).body;
    expect(now).toMatchObject({ searchSafeQueries: true, backupExposed: false });
    expect((await act(tomo, 'PUT', '/shop/settings', { debug: true })).status).toBe(400);

    const logs = await server.request('GET', `${teamPath()}/shop/logs?limit=5`, { token: tomo.token });
    expect(logs.status).toBe(200);
    expect(logs.headers.get('content-type')).toMatch(/^application\/json/);
    expect(logs.body.lines.length).toBeLessThanOrEqual(5);
    expect(logs.body.lines.every((line: unknown) => typeof line === 'string')).toBe(true);
    for (const limit of ['0', '501', 'many'])
      expect(
        (await server.request('GET', `${teamPath()}/shop/logs?limit=${limit}`, { token: tomo.token })).status,
      ).toBe(400);

    expect((await act(tomo, 'POST', '/shop/admin-password', { password: 'short' })).status).toBe(400);
    expect((await act(tomo, 'POST', '/shop/admin-password', { password: 'a-much-better-one' })).status).toBe(201);
    expect((await act(tomo, 'POST', '/shop/backup')).status).toBe(201);
    expect((await act(tomo, 'POST', '/shop/restore', {})).status).toBe(201);
    expect((await act(tomo, 'POST', '/shop/resync')).body).toEqual({ applied: true, seq: expect.any(Number) });
  });

  it('answers 502 SHOP_UNREACHABLE when the shop does not answer', async () => {
    const live = await server.server.app.get(GameRegistry).get(game.gameId);
    await live.sandboxes.stop();
    const read = await server.request('GET', `${teamPath()}/shop/settings`, { token: tomo.token });
    expect([read.status, read.body.code]).toEqual([502, 'SHOP_UNREACHABLE']);
    const backup = await act(tomo, 'POST', '/shop/backup');
    expect([backup.status, backup.body.code]).toEqual([502, 'SHOP_UNREACHABLE']);
  });
});
