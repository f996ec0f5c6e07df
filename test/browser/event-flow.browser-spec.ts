import type { RunningServe } from '@mamoru/testing';
import { browserTestsEnabled, eventually, launchChromium, REPO_ROOT, startMamoruServe } from '@mamoru/testing';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';

// The mini game (every attack early, an inquiry at 00:02), two hours long, with time to answer.
const MINI = readFileSync(join(REPO_ROOT, 'test', 'fixtures', 'mini.yaml'), 'utf8')
  .replace("duration: '00:40'", "duration: '02:00'")
  .replace('deadlineMinutes: 6', 'deadlineMinutes: 90');
const BROKEN = `${MINI.replace('seed: 7', 'seed: 7\nbogus: 1')}`.replace("at: '00:20'", "at: '99:99'");

const describeInBrowser = browserTestsEnabled('an event from three seats') ? describe : describe.skip;

/**
 * A whole event from the browser, against `mamoru serve` in its own process: the organiser creates
 * and starts a game in the control room; a member joins with the code from the printed sheet, fixes
 * the shop from the ops console and answers an inquiry; the organiser grades it; the audience board
 * shows the grade; the board freezes while the team's own figures keep moving; reloads restore
 * every page. Three browser contexts (organiser, member, hall), one real server, steps in order.
 */
describeInBrowser('an event in Chromium: control room, team dashboard and board', () => {
  let serve: RunningServe;
  let browser: Browser;
  let control: Page;
  let team: Page;
  let board: Page;
  const gameId = `flow-${randomBytes(3).toString('hex')}`;
  const pageErrors: string[] = [];
  let joinCode = '';

  const watch = (page: Page, who: string) => {
    page.on('pageerror', (error) => pageErrors.push(`${who}: ${error.message}`));
    page.on('dialog', (dialog) => void dialog.accept());
  };
  const attr = (page: Page, testId: string, name: string) => page.getByTestId(testId).first().getAttribute(name);
  const figure = async (name: string) =>
    Number(await team.locator(`[data-testid="team-figure"][data-figure="${name}"]`).getAttribute('data-value'));
  const boardRevenue = async () =>
    (await board.getByTestId('standing-row').allInnerTexts()).join('\n').replace(/[▲▼]\d+/g, '');
  let apiToken: string | undefined;
  /** As the organiser's API client, signed in once (sign-ins are throttled): for checks the pages do not show. */
  const api = async (path: string) => {
    if (!apiToken) {
      const login = await fetch(`${serve.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ login: 'admin', password: serve.adminPassword }),
      });
      expect(login.status).toBe(200);
      apiToken = ((await login.json()) as { accessToken: string }).accessToken;
    }
    const res = await fetch(`${serve.url}${path}`, { headers: { authorization: `Bearer ${apiToken}` } });
    expect(res.status).toBe(200);
    return (await res.json()) as Record<string, unknown>;
  };

  beforeAll(async () => {
    [serve, browser] = await Promise.all([startMamoruServe(), launchChromium()]);
    const open = async (who: string, width: number, height: number) => {
      const context = await browser.newContext({ viewport: { width, height }, baseURL: serve.url });
      const page = await context.newPage();
      watch(page, who);
      return page;
    };
    [control, team, board] = await Promise.all([
      open('control', 1440, 900),
      open('team', 1440, 900),
      open('board', 1920, 1080),
    ]);
  });

  afterAll(async () => {
    await browser?.close();
    const code = await serve?.stop();
    expect(code).toBe(0);
  });

  afterEach(() => {
    expect(pageErrors).toEqual([]);
  });

  it('lets the organiser sign in and shows a broken scenario at its lines', async () => {
    await control.goto('/control');
    await control.getByTestId('sign-in-login').fill('admin');
    await control.getByTestId('sign-in-password').fill(serve.adminPassword);
    await control.getByTestId('sign-in-submit').click();
    await control.getByTestId('create-game').waitFor();
    await control.getByTestId('create-scenario-file').setInputFiles({
      name: 'broken.yaml',
      mimeType: 'application/x-yaml',
      buffer: Buffer.from(BROKEN),
    });
    await control.getByTestId('create-game-id').fill(gameId);
    await control.getByTestId('create-submit').click();
    const problems = await control.getByTestId('create-error').locator('li').allInnerTexts();
    expect(problems.join('\n')).toMatch(/upload\.yaml:\d+:\d+: .*bogus/);
    expect(problems.join('\n')).toMatch(/upload\.yaml:\d+:\d+: .*99:99|timeline/);
    // The lines in question are shown from the uploaded text.
    expect(await control.getByTestId('create-error-lines').innerText()).toContain('bogus: 1');
  });

  it('creates the game from an uploaded scenario with two teams', async () => {
    await control.getByTestId('create-scenario-file').setInputFiles({
      name: 'mini.yaml',
      mimeType: 'application/x-yaml',
      buffer: Buffer.from(MINI),
    });
    await control.getByTestId('create-teams').fill('Alpha\nBravo');
    await control.getByTestId('create-submit').click();
    await control.waitForURL(`**/control/${gameId}`);
    await eventually(
      () => control.getByTestId('control-team-row').count(),
      (n) => expect(n).toBe(2),
    );
    expect(await attr(control, 'control-room', 'data-status')).toBe('created');
  });

  it('imports members from CSV and prints their join codes', async () => {
    await control
      .getByTestId('members-csv')
      .fill('team,name,units\nteam-1,Aiko 佐藤,support|tech\nteam-2,Ren,management|sales\n');
    await control.getByTestId('members-import').click();
    const cards = control.getByTestId('join-code-card');
    await eventually(
      () => cards.count(),
      (n) => expect(n).toBe(2),
    );
    const aiko = cards.filter({ hasText: 'Aiko 佐藤' });
    joinCode = (await aiko.getAttribute('data-join-code')) ?? '';
    expect(joinCode).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    expect(await aiko.innerText()).toContain('/team');
    await eventually(
      () => control.getByTestId('member-list-row').count(),
      (n) => expect(n).toBe(2),
    );
  });

  it('starts the game; the board follows it', async () => {
    await control.getByTestId('clock-speed').fill('20');
    await control.getByTestId('clock-start').click();
    await eventually(
      () => attr(control, 'control-room', 'data-status'),
      (status) => expect(status).toBe('running'),
      30_000,
    );
    await board.goto(`/board/${gameId}`);
    await eventually(
      () => board.getByTestId('standing-row').count(),
      (n) => expect(n).toBe(2),
    );
  });

  it('lets the member join with the code and fix the shop from the ops console', async () => {
    await team.goto('/team');
    await team.getByTestId('sign-in-mode-join').click();
    await team.getByTestId('sign-in-join-code').fill(joinCode.toLowerCase());
    await team.getByTestId('sign-in-password').fill('aiko-password-1');
    await team.getByTestId('sign-in-submit').click();
    await team.getByTestId('team-dashboard').waitFor();
    expect(await attr(team, 'team-dashboard', 'data-team-id')).toBe('team-1');
    // Aiko holds support and tech: the ops console, no sales or loans.
    await team.getByTestId('ops-console').waitFor();
    expect(await team.getByTestId('sales-panel').count()).toBe(0);
    expect(await team.getByTestId('loans-panel').count()).toBe(0);
    // The vendor's default admin password goes before the defacement at 00:10.
    await team.getByTestId('ops-admin-password').fill('a-much-better-password');
    await team.getByTestId('ops-admin-password-submit').click();
    await team.getByTestId('ops-result').first().waitFor();
    const safeSearch = team.locator('[data-testid="ops-setting"][data-setting="searchSafeQueries"]');
    await safeSearch.check();
    await team.getByTestId('ops-settings-save').click();
    await eventually(
      () => team.getByTestId('ops-result').count(),
      (n) => expect(n).toBeGreaterThan(0),
    );
  });

  it('lets the member answer the inquiry from the inbox', async () => {
    const item = team.locator('[data-testid="inbox-item"][data-inject-id="inquiry-1"]');
    await item.waitFor({ timeout: 30_000 });
    expect(await item.getAttribute('data-status')).toBe('open');
    await item.getByTestId('inbox-countdown').waitFor();
    await item.click();
    await team
      .getByTestId('response-text')
      .fill('配送は2日です。ご連絡ありがとうございます。Delivery takes two days, thank you.');
    await team.getByTestId('response-submit').click();
    await team.getByTestId('response-saved').waitFor();
    await eventually(
      () => item.getAttribute('data-status'),
      (status) => expect(status).toBe('answered'),
    );
  });

  it('blocks the defacement: the fixed shop counts the attack as blocked', async () => {
    await eventually(
      async () => (await api(`/api/games/${gameId}/teams/team-1`)) as { team: { attacksBlocked: number } },
      (view) => expect(view.team.attacksBlocked).toBeGreaterThanOrEqual(1),
      80_000,
    );
  }, 90_000);

  it('lets the organiser grade the answer by the rubric; the team and the board see it', async () => {
    const row = control.locator('[data-testid="grading-row"][data-team-id="team-1"][data-inject-id="inquiry-1"]');
    await row.waitFor({ timeout: 15_000 });
    await row.click();
    await control.getByTestId('submission').waitFor();
    expect(await control.getByTestId('submission-text').innerText()).toContain('配送は2日です');
    const items = control.getByTestId('rubric-item');
    expect(await items.count()).toBe(2);
    for (const rubricItem of await items.all()) await rubricItem.getByTestId('rubric-score').fill('1');
    await control.getByTestId('grade-comment').fill('丁寧で正確です');
    await control.getByTestId('grade-submit').click();
    await control.getByTestId('grade-saved').waitFor();
    await eventually(
      () => row.getAttribute('data-graded'),
      (graded) => expect(graded).toBe('true'),
    );
    // The member sees the grade; the hall sees team 1 lead customer support.
    await eventually(
      () => team.locator('[data-testid="inbox-item"][data-inject-id="inquiry-1"]').getAttribute('data-status'),
      (status) => expect(status).toBe('graded'),
    );
    await eventually(
      () => board.locator('[data-testid="unit-leaders"] li[data-unit="support"]').getAttribute('data-team-id'),
      (leader) => expect(leader).toBe('team-1'),
    );
  });

  it("freezes the board: the audience's figures stop while the team's keep moving", async () => {
    await control.getByTestId('freeze-toggle').click();
    await board.getByTestId('freeze-banner').waitFor();
    await eventually(
      () => attr(control, 'freeze-toggle', 'data-frozen'),
      (frozen) => expect(frozen).toBe('true'),
    );
    const frozenFigures = await boardRevenue();
    const revenueAtFreeze = await figure('revenue');
    await eventually(
      figure.bind(null, 'revenue'),
      (revenue) => expect(revenue).toBeGreaterThan(revenueAtFreeze),
      60_000,
    );
    expect(await boardRevenue()).toBe(frozenFigures);
  });

  it('restores every page after a reload mid-game', async () => {
    const seqBefore = Number(await attr(team, 'team-dashboard', 'data-seq'));
    await Promise.all([team.reload(), board.reload(), control.reload()]);
    await team.getByTestId('team-dashboard').waitFor();
    expect(Number(await attr(team, 'team-dashboard', 'data-seq'))).toBeGreaterThanOrEqual(seqBefore);
    expect(
      await team.locator('[data-testid="inbox-item"][data-inject-id="inquiry-1"]').getAttribute('data-status'),
    ).toBe('graded');
    await board.getByTestId('freeze-banner').waitFor();
    await control.getByTestId('control-room').waitFor();
    expect(await attr(control, 'control-room', 'data-status')).toBe('running');
    expect(await attr(control, 'freeze-toggle', 'data-frozen')).toBe('true');
  });

  it('speaks English when asked, and ends the game from the control room', async () => {
    await team.getByTestId('lang-switch').locator('[data-locale="en"]').click();
    await eventually(
      () => team.getByTestId('team-dashboard').innerText(),
      (text) => expect(text).toMatch(/Inbox|Ledger/),
    );
    await control.getByTestId('freeze-toggle').click();
    await board.getByTestId('freeze-banner').waitFor({ state: 'detached' });
    await control.getByTestId('clock-stop').click();
    await eventually(
      () => attr(control, 'control-room', 'data-status'),
      (status) => expect(status).toBe('ended'),
    );
    await eventually(
      () => attr(team, 'team-dashboard', 'data-status'),
      (status) => expect(status).toBe('ended'),
    );
    const audit = (await api(`/api/games/${gameId}/audit`)) as { entries: { type: string; by: string }[] };
    const types = audit.entries.map((e) => e.type);
    for (const type of ['clock.started', 'response.graded', 'board.frozen', 'board.unfrozen', 'game.ended'])
      expect(types).toContain(type);
  });
});
