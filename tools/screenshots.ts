/**
 * `npm run screenshots`: the screenshots of the README, regenerated. Builds the web app when it is
 * stale, runs `mamoru serve --demo` (6 bot teams on the classic scenario, at high speed, on a
 * throw-away data folder), lets the game run a few game hours, slows it to real time, waits for the
 * figures to catch up with the clock and posts an announcement, then photographs, in Debian's
 * Chromium, in Japanese and in English, into docs/screenshots/: the audience board at 1920×1080, and
 * at 1440×900 (whole page) the team dashboard of a member of team 1 who holds support and tech, and
 * the game's control room signed in as the demo's organiser.
 *
 *   npm run screenshots                      # once the figures have passed 03:00 of the game
 *   npm run screenshots -- --hours 5 --teams 8
 *
 * Japanese text needs a CJK font (`sudo apt-get install -y fonts-noto-cjk`).
 */
import { CHROMIUM_PATH, chromiumAvailable, launchChromium, REPO_ROOT, startMamoruServe } from '@mamoru/testing';
import { execFileSync } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join, relative } from 'node:path';

const OUT_DIR = join(REPO_ROOT, 'docs', 'screenshots');
const VIEWPORT = { width: 1920, height: 1080 };
const LAPTOP = { width: 1440, height: 900 };

interface Tokens {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  principal: Record<string, unknown>;
}

/** What the web app keeps in localStorage after signing in (apps/web/src/auth/session.ts). */
function storedSession(tokens: Tokens): string {
  return JSON.stringify({
    accessToken: tokens.accessToken,
    refreshToken: tokens.refreshToken,
    expiresAtMs: Date.now() + tokens.expiresIn * 1000,
    principal: tokens.principal,
  });
}

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  if (at < 0) return fallback;
  const value = Number(process.argv[at + 1]);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} needs a positive number`);
  return value;
}

async function main(): Promise<void> {
  const hours = option('hours', 3);
  const teams = option('teams', 6);
  const speed = option('speed', 600);
  if (!chromiumAvailable()) throw new Error(`no Chromium at ${CHROMIUM_PATH}: sudo apt-get install -y chromium`);
  warnWithoutJapaneseFont();

  execFileSync(process.execPath, [join(REPO_ROOT, 'tools', 'ensure-web-build.js')], { stdio: 'inherit' });

  const serve = await startMamoruServe({
    args: ['--demo', '--teams', String(teams), '--speed', String(speed)],
    env: { MAMORU_LOG_LEVEL: 'warn' },
  });
  try {
    const url = serve.url;
    const gameId = /demo game\s+(demo-[a-z0-9]+)/.exec(await serve.line(/demo game/, 60_000))![1];
    const [, login, password] = /organiser\s+login "(organiser-demo-[^"]+)", password "([^"]+)"/.exec(
      await serve.line(/organiser\s+login "organiser-demo/, 10_000),
    )!;
    const hh = String(hours).padStart(2, '0');
    console.log(`screenshots: ${gameId} at ${url}; waiting for the figures of ${hh}:00 (speed ${speed})...`);
    const started = Date.now();
    await serve.line(new RegExp(`standings at ${hh}:`), (hours * 3_600_000) / speed + 120_000);

    // Real time from here on: the two languages show the same moment of the game.
    const organiser = await api<Tokens>(url, 'POST', '/api/auth/login', { login, password });
    const token = organiser.accessToken;
    await api(url, 'POST', `/api/games/${gameId}/speed`, { speed: 1 }, token);
    await ticksCaughtUp(url, gameId, 180_000);
    console.log(
      `screenshots: the figures caught up with the clock after ${Math.round((Date.now() - started) / 1000)} s`,
    );
    await api(
      url,
      'POST',
      `/api/games/${gameId}/announcements`,
      { text: '12:00 から昼休み、13:00 に再開します。 Lunch break at 12:00; we resume at 13:00.' },
      token,
    );

    // A member of team 1 who answers customers and runs the shop, signed in with a join code.
    const created = await api<{ members: { joinCode: string }[] }>(
      url,
      'POST',
      `/api/games/${gameId}/members`,
      { members: [{ teamId: 'team-1', name: '佐藤 愛子 Aiko Sato', units: ['support', 'tech'] }] },
      token,
    );
    const member = await api<Tokens>(url, 'POST', '/api/auth/join', {
      joinCode: created.members[0].joinCode,
      password: `screenshot-${Date.now()}`,
    });

    await mkdir(OUT_DIR, { recursive: true });
    const browser = await launchChromium();
    try {
      for (const lang of ['ja', 'en'] as const) {
        const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1, locale: lang });
        const page = await context.newPage();
        await page.goto(`${url}/board/${gameId}?lang=${lang}`);
        await page
          .getByTestId('standing-row')
          .nth(teams - 1)
          .waitFor();
        await page.getByTestId('chart').waitFor();
        await page.getByTestId('ticker').waitFor();
        await page.getByTestId('announcements').waitFor();
        // Let the rank animations, the chart and the fonts settle.
        await page.evaluate('document.fonts.ready.then(() => true)');
        await page.waitForTimeout(2000);
        const file = join(OUT_DIR, `board-${lang}.png`);
        await page.screenshot({ path: file });
        console.log(`screenshots: wrote ${relative(REPO_ROOT, file)}`);
        await context.close();
      }
      const pages = [
        { name: 'team', path: '/team', scope: 'team', tokens: member, ready: 'inbox-item' },
        { name: 'control', path: `/control/${gameId}`, scope: 'control', tokens: organiser, ready: 'timeline-row' },
      ] as const;
      for (const shot of pages) {
        for (const lang of ['ja', 'en'] as const) {
          const context = await browser.newContext({ viewport: LAPTOP, deviceScaleFactor: 1, locale: lang });
          // Signed in before the page loads, as after a sign-in and a reload.
          await context.addInitScript(
            `window.localStorage.setItem(${JSON.stringify(`mamoru.session.${shot.scope}`)}, ${JSON.stringify(storedSession(shot.tokens))});`,
          );
          const page = await context.newPage();
          await page.goto(`${url}${shot.path}?lang=${lang}`);
          await page.getByTestId(shot.ready).first().waitFor({ timeout: 30_000 });
          await page.evaluate('document.fonts.ready.then(() => true)');
          await page.waitForTimeout(2000);
          const file = join(OUT_DIR, `${shot.name}-${lang}.png`);
          await page.screenshot({ path: file, fullPage: true });
          console.log(`screenshots: wrote ${relative(REPO_ROOT, file)}`);
          await context.close();
        }
      }
    } finally {
      await browser.close();
    }
  } finally {
    await serve.stop();
  }
}

/**
 * At high speed the clock runs ahead of the closed ticks (the figures lag the clock). Waits, at real
 * time, until the figures have caught up with the clock, so that both pictures show one moment.
 */
async function ticksCaughtUp(url: string, gameId: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { clock } = await api<{ clock: { tick: number; gameMs: number; wallMs: number; speed: number } }>(
      url,
      'GET',
      `/api/games/${gameId}/board`,
    );
    const minute = Math.floor((clock.gameMs + (Date.now() - clock.wallMs) * clock.speed) / 60_000);
    if (clock.tick >= minute - 1) return;
    if (Date.now() > deadline) throw new Error(`the ticks did not catch up with the clock (${clock.tick} < ${minute})`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

async function api<T = unknown>(url: string, method: string, path: string, body?: unknown, token?: string): Promise<T> {
  const response = await fetch(url + path, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const answer = (await response.json()) as T & { message?: string };
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${answer.message ?? ''}`);
  return answer;
}

function warnWithoutJapaneseFont(): void {
  try {
    if (execFileSync('fc-list', [':lang=ja'], { encoding: 'utf8' }).trim()) return;
  } catch {
    // no fontconfig: Chromium brings no CJK font either
  }
  console.warn('screenshots: no Japanese font found; install one (sudo apt-get install -y fonts-noto-cjk)');
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
