import { startTestServer, type Json, type TestGame, type TestServer } from '@mamoru/server/testing';
import { browserTestsEnabled, eventually, launchChromium, REPO_ROOT } from '@mamoru/testing';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';

// The mini game, two hours long instead of 40 minutes: headroom for a slow machine (speed 60 is a
// game minute per second).
const MINI = readFileSync(join(REPO_ROOT, 'test', 'fixtures', 'mini.yaml'), 'utf8').replace(
  "duration: '00:40'",
  "duration: '02:00'",
);

const describeInBrowser = browserTestsEnabled('the audience board') ? describe : describe.skip;

/**
 * The audience board as a hall sees it: the built web app (test/browser/global-setup.js builds it),
 * served by a real game server, in Debian's headless Chromium at 1920×1080, following the mini game
 * at speed 60. The steps run in order on one page.
 */
describeInBrowser('the audience board in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let game: TestGame;
  const pageErrors: string[] = [];

  const control = async (path: string, body: unknown = {}): Promise<Json> => {
    const res = await server.request('POST', `/api/games/${game.gameId}${path}`, {
      token: server.organiser.token,
      body,
    });
    if (res.status >= 300) throw new Error(`POST ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const boardView = async (): Promise<Json> => (await server.request('GET', `/api/games/${game.gameId}/board`)).body;
  /** Team 1's revenue as its own members see it (live while the board is frozen). */
  const teamRevenue = async (): Promise<number> => {
    const member = game.members[0];
    const res = await server.request<Json>('GET', `/api/games/${game.gameId}/teams/${member.teamId}`, {
      token: member.token,
    });
    return res.body.team.revenueYen;
  };
  /** The standings as shown, one line per row: team id, rank, name and figures (rank-change arrows left out). */
  const standings = async (): Promise<string[]> => {
    const rows = await page.getByTestId('standing-row').all();
    return Promise.all(
      rows.map(async (row) => {
        const [team, rank, text] = await Promise.all([
          row.getAttribute('data-team-id'),
          row.getAttribute('data-rank'),
          row.textContent(),
        ]);
        return `${team} #${rank} ${(text ?? '').replace(/[▲▼]\d+/g, '')}`;
      }),
    );
  };
  const teamsShown = async () => (await standings()).map((row) => row.split(' ')[0]).sort();
  const gameMsShown = async () => Number(await page.getByTestId('clock').getAttribute('data-game-ms'));
  const seqShown = async () => Number(await page.getByTestId('board').getAttribute('data-seq'));
  const connection = () => page.getByTestId('connection').getAttribute('data-state');
  const tickerLines = () => page.getByTestId('ticker').locator('li').allInnerTexts();
  /** Waits until the board's clock has moved on from where it is now. */
  const clockRuns = async () => {
    const now = await gameMsShown();
    await eventually(gameMsShown, (ms) => expect(ms).toBeGreaterThan(now), 5000);
  };

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchChromium()]);
    game = await server.setupGame({
      scenarioYaml: MINI,
      members: [
        { team: 1, name: 'Aiko', units: ['management', 'pr'] },
        { team: 2, name: 'Ren', units: ['management', 'sales'] },
      ],
    });
    context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(`console: ${message.text()}`);
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows both teams, a running clock and the narrated ticker of a game started at speed 60', async () => {
    await control('/start', { speed: 60 });
    const response = await page.goto(`${server.url}/board/${game.gameId}`);
    expect(response?.status()).toBe(200);
    await page.getByTestId('board').waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('ja');

    await eventually(teamsShown, (teams) => expect(teams).toEqual(['team-1', 'team-2']));
    const shown = (await standings()).join('\n');
    expect(shown).toContain('Team A');
    expect(shown).toContain('Team B');
    await clockRuns();
    await eventually(connection, (state) => expect(state).toBe('connected'));

    // A notice published by team 1 now: its public line reaches the ticker before the timeline's attacks.
    const aiko = game.members[0];
    const notice = await server.request('POST', `/api/games/${game.gameId}/teams/team-1/notices`, {
      token: aiko.token,
      body: { text: '本日は通常どおり営業しています。' },
      headers: { 'idempotency-key': 'notice-1' },
    });
    expect(notice.status).toBe(201);
    await eventually(tickerLines, (lines) => expect(lines.length).toBeGreaterThan(0));
    await eventually(boardView, (view) => expect(view.standings.some((s: Json) => s.revenueYen > 0)).toBe(true));
    await eventually(
      () => page.getByTestId('chart').getAttribute('data-points'),
      (points) => expect(Number(points)).toBeGreaterThan(1),
    );
  });

  it('freezes: the banner shows and the standings stop while the team keeps earning; unfreeze lifts it', async () => {
    expect(await page.getByTestId('freeze-banner').count()).toBe(0);
    await control('/freeze');
    await page.getByTestId('freeze-banner').waitFor({ state: 'visible', timeout: 5000 });
    const frozen = await standings();
    const [revenue, seq] = [await teamRevenue(), await seqShown()];

    await eventually(teamRevenue, (now) => expect(now).toBeGreaterThan(revenue)); // the team's own view is live
    await eventually(seqShown, (now) => expect(now).toBeGreaterThan(seq)); // the board got the updates since
    await clockRuns(); // and its clock runs
    expect(await standings()).toEqual(frozen);

    await control('/unfreeze');
    await page.getByTestId('freeze-banner').waitFor({ state: 'detached', timeout: 5000 });
    await eventually(standings, (rows) => expect(rows).not.toEqual(frozen));
  });

  it('comes back in the same state after a reload mid-game', async () => {
    // Paused, nothing moves: what the board shows before and after the reload can be compared exactly.
    await control('/pause');
    await eventually(
      () => page.getByTestId('clock').getAttribute('data-status'),
      (status) => expect(status).toBe('paused'),
    );
    const seq = (await boardView()).seq;
    await eventually(seqShown, (shown) => expect(shown).toBe(seq));
    const before = { standings: await standings(), gameMs: await gameMsShown(), ticker: await tickerLines() };
    expect(before.ticker.length).toBeGreaterThan(0);

    await page.reload();
    await page.getByTestId('board').waitFor();
    await eventually(standings, (rows) => expect(rows).toEqual(before.standings));
    expect(await gameMsShown()).toBe(before.gameMs);
    expect(await tickerLines()).toEqual(before.ticker);

    await control('/resume');
    await clockRuns();
  });

  it('keeps following the game across a lost connection, without a reload', async () => {
    await eventually(connection, (state) => expect(state).toBe('connected'));
    await context.setOffline(true);
    await eventually(connection, (state) => expect(state).not.toBe('connected'));
    // What happens meanwhile arrives after the reconnect.
    const text = `Back after the break ${Date.now()}`;
    await control('/announcements', { text });
    await context.setOffline(false);
    await eventually(connection, (state) => expect(state).toBe('connected'));
    await eventually(
      () => page.getByTestId('announcements').innerText(),
      (shown) => expect(shown).toContain(text),
    );
    await clockRuns();
  });

  it('switches to English', async () => {
    await page.getByTestId('lang-switch').locator('[data-locale="en"]').click();
    await eventually(
      () => page.locator('html').getAttribute('lang'),
      (lang) => expect(lang).toBe('en'),
    );
    const header = await page.getByTestId('standings').locator('thead').innerText();
    expect(header).toContain('Revenue');
    expect(header).not.toContain('売上');
    const latest: string = (await boardView()).ticker.at(-1).text.en;
    await eventually(tickerLines, (lines) => expect(lines.join('\n')).toContain(latest));
    expect(page.url()).toContain('lang=en');
  });

  it('logged no error in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
