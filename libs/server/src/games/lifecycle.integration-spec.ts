import { REPO_ROOT } from '@mamoru/testing';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LiveClient, TestGame, TestServer } from '../testing/test-server';
import { startTestServer } from '../testing/test-server';

const MINI = readFileSync(join(REPO_ROOT, 'test', 'fixtures', 'mini.yaml'), 'utf8');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A live game driven over real HTTP and watched over real Socket.IO: created, started, paused (no
 * tick, no inject, the clock stands), resumed, sped up, a response submitted, graded and seen in
 * the ledger and on the board, then stopped.
 */
describe('a live game, from the control room to the board', () => {
  let server: TestServer;
  let game: TestGame;
  let board: LiveClient;
  const org = () => ({ token: server.organiser.token });

  beforeAll(async () => {
    server = await startTestServer();
    game = await server.setupGame({
      scenarioYaml: MINI,
      teams: ['Sakura', 'Fuji'],
      members: [
        { team: 1, name: 'Aiko', units: ['support', 'management'] },
        { team: 2, name: 'Ren', units: ['sales'] },
      ],
    });
    board = await server.connect('audience', { gameId: game.gameId });
  });

  afterAll(async () => {
    await server?.close();
  });

  it('sends a snapshot on connect, before the game starts', async () => {
    const snapshot = await board.waitFor((m) => m.kind === 'snapshot');
    expect(snapshot.view.clock.status).toBe('created');
    expect(snapshot.view.standings.map((s: { name: string }) => s.name).sort()).toEqual(['Fuji', 'Sakura']);
  });

  it('refuses team actions before the start', async () => {
    const [aiko] = game.members;
    const res = await server.request('POST', `/api/games/${game.gameId}/teams/${aiko.teamId}/loans`, {
      token: aiko.token,
      body: { amountYen: 1000 },
      headers: { 'idempotency-key': 'early-loan' },
    });
    expect(res.status).toBe(409);
  });

  it('starts, and the board moves tick by tick', async () => {
    const res = await server.request('POST', `/api/games/${game.gameId}/start`, { ...org(), body: { speed: 60 } });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('running');
    await board.waitFor((m) => m.view.clock.tick >= 3, 60_000);
    const health = await server.request('GET', '/health');
    expect(health.status).toBe(200);
    expect(JSON.stringify(health.body)).toContain(game.gameId); // workers and shops of the running game
    const metrics = (await server.request<string>('GET', '/metrics')).body;
    expect(metrics).toMatch(/mamoru_sockets_connected\{namespace="audience"\} [1-9]/);
    expect(metrics).toContain(`mamoru_queue_jobs{game="${game.gameId}"`);
    expect(metrics).toMatch(/mamoru_tick_close_seconds_count\{[^}]*\} [1-9]/);
    expect(metrics).toMatch(/mamoru_tick_lag_seconds_count\{[^}]*\} [1-9]/);
    const seqs = board.messages.filter((m) => m.kind === 'update').map((m) => m.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b)); // in order
    expect(new Set(seqs).size).toBe(seqs.length); // each once
  });

  it('takes a response from the addressed unit, grades it by rubric, and shows it in the ledger and on the board', async () => {
    const [aiko] = game.members;
    const team = `/api/games/${game.gameId}/teams/${aiko.teamId}`;
    // inquiry-1 arrives at 00:02 for every team.
    for (let i = 0; i < 100; i++) {
      const view = (await server.request('GET', team, { token: aiko.token })).body;
      if (view.inbox?.some((e: { injectId: string }) => e.injectId === 'inquiry-1')) break;
      await sleep(200);
    }
    const submitted = await server.request('POST', `${team}/responses/inquiry-1`, {
      token: aiko.token,
      body: { text: '配送は2日です。ありがとうございます <script>alert(1)</script>' },
      headers: { 'idempotency-key': 'answer-1' },
    });
    expect(submitted.status).toBe(201);
    const graded = await server.request(
      'POST',
      `/api/games/${game.gameId}/submissions/${aiko.teamId}/inquiry-1/grade`,
      {
        ...org(),
        body: { items: { answer: 1, polite: 0.5 }, comment: 'clear' },
      },
    );
    expect(graded.status).toBe(201);
    const view = (await server.request('GET', team, { token: aiko.token })).body;
    const item = view.inbox.find((e: { injectId: string }) => e.injectId === 'inquiry-1');
    expect(item.response.text).toBe('配送は2日です。ありがとうございます <script>alert(1)</script>');
    expect(item.grade).toMatchObject({ value: 0.75, comment: 'clear' });
    const ledger = (await server.request('GET', `${team}/ledger`, { token: aiko.token })).body;
    const entries = Array.isArray(ledger) ? ledger : ledger.entries;
    expect(
      entries.some(
        (e: { component: string; cause: { text: { en: string } } }) =>
          e.component === 'earned' && e.cause.text.en.includes('graded 0.75'),
      ),
    ).toBe(true);
    const support = view.team.units.find((u: { unit: string }) => u.unit === 'support');
    expect(support.score).toBe(75);
    // The board carries the graded team's ESC as the team view has it.
    const seq = view.seq;
    const update = await board.waitFor((m) => m.seq >= seq, 10_000);
    const row = update.view.standings.find((s: { teamId: string }) => s.teamId === aiko.teamId);
    expect(typeof row.escYen).toBe('number');
    expect(JSON.stringify(update.view)).not.toContain('<script>'); // responses never reach the audience
  });

  it('brings a client that reports a gap to the latest state', async () => {
    const before = board.messages.filter((m) => m.kind === 'snapshot').length;
    const latest = board.latest!.seq;
    board.socket.emit('resync', { lastSeq: 1 });
    const snapshot = await board.waitFor(
      (m) => m.kind === 'snapshot' && board.messages.filter((x) => x.kind === 'snapshot').indexOf(m) >= before,
      10_000,
    );
    expect(snapshot.seq).toBeGreaterThanOrEqual(latest);
    expect(snapshot.view.standings).toHaveLength(2);
  });

  it('pauses: no tick closes, no inject arrives and the clock stands still, then resumes', async () => {
    const paused = await server.request('POST', `/api/games/${game.gameId}/pause`, {
      ...org(),
      body: { reason: 'coffee' },
    });
    expect(paused.status).toBe(200);
    expect(paused.body.status).toBe('paused');
    await sleep(300); // a tick already enqueued may still close
    const before = (await server.request('GET', `/api/games/${game.gameId}/board`)).body;
    const eventsBefore = await server.store.lastSeq(game.gameId);
    await sleep(2000); // 2 game minutes at speed 60
    const after = (await server.request('GET', `/api/games/${game.gameId}/board`)).body;
    expect(after.clock.tick).toBe(before.clock.tick);
    expect(after.clock.gameMs).toBe(before.clock.gameMs);
    expect(await server.store.lastSeq(game.gameId)).toBe(eventsBefore);
    const again = await server.request('POST', `/api/games/${game.gameId}/pause`, { ...org(), body: {} });
    expect(again.status).toBe(409);
    const resumed = await server.request('POST', `/api/games/${game.gameId}/resume`, org());
    expect(resumed.body.status).toBe('running');
    await board.waitFor((m) => m.view.clock.tick > after.clock.tick, 30_000);
  });

  it('changes speed, then stops: the game ends and no tick follows', async () => {
    const faster = await server.request('POST', `/api/games/${game.gameId}/speed`, { ...org(), body: { speed: 600 } });
    expect(faster.body.speed).toBe(600);
    await board.waitFor((m) => m.view.clock.speed === 600, 10_000);
    const stopped = await server.request('POST', `/api/games/${game.gameId}/stop`, {
      ...org(),
      body: { reason: 'done' },
    });
    expect(stopped.status).toBe(200);
    expect(stopped.body.status).toBe('ended');
    const endTick = (await board.waitFor((m) => m.view.clock.status === 'ended', 10_000)).view.clock.tick;
    await sleep(1500);
    const final = (await server.request('GET', `/api/games/${game.gameId}/board`)).body;
    expect(final.clock.tick).toBeLessThanOrEqual(endTick + 1); // a tick already running may close
    expect(final.clock.status).toBe('ended');
    // After the end the board still hears what happens (an announcement, a regrade, the reveal).
    const posted = await server.request('POST', `/api/games/${game.gameId}/announcements`, {
      ...org(),
      body: { text: '表彰式は15時から / Awards at 15:00' },
    });
    expect(posted.status).toBe(201);
    await board.waitFor((m) => m.view.announcements.some((a: { text: string }) => a.text.includes('Awards at 15:00')));
    const audit = (await server.request('GET', `/api/games/${game.gameId}/audit`, org())).body;
    const types = (Array.isArray(audit) ? audit : audit.entries).map((e: { type: string }) => e.type);
    expect(types).toEqual(
      expect.arrayContaining([
        'clock.started',
        'clock.paused',
        'clock.resumed',
        'clock.speed-changed',
        'response.graded',
        'game.ended',
      ]),
    );
  });
});
