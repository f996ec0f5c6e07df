import { existsSync } from 'node:fs';
import type { Browser, LaunchOptions } from 'playwright-core';
import { warnSkipped } from './services';

/** Debian's Chromium (`apt-get install chromium`), or CHROMIUM_PATH. Never a downloaded browser. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/**
 * Headless on a machine without a sandbox user namespace, a GPU or an outside network: without the
 * background-networking flags Chromium keeps trying (and failing) to reach Google's hosts.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM_PATH);
}

/**
 * Whether browser tests can run here; when not, prints the loud SKIPPED banner. Use as
 * `const describeInBrowser = browserTestsEnabled('the board') ? describe : describe.skip;`.
 */
export function browserTestsEnabled(what: string): boolean {
  if (chromiumAvailable()) return true;
  warnSkipped(
    `${what} in Chromium`,
    `no Chromium at ${CHROMIUM_PATH} (sudo apt-get install -y chromium, or set CHROMIUM_PATH)`,
  );
  return false;
}

/** Starts headless Chromium through playwright-core. Close the browser when done. */
export async function launchChromium(options: LaunchOptions = {}): Promise<Browser> {
  // Loaded here, so that tests that never open a browser do not load Playwright.
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    headless: true,
    ...options,
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS, ...(options.args ?? [])],
  });
}

/**
 * Reads `read()` until `check` (jest assertions) passes on what it read, and returns that; after
 * `timeoutMs` the last assertion error is thrown. For pages that change by themselves.
 */
export async function eventually<T>(read: () => Promise<T>, check: (value: T) => void, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    try {
      check(value);
      return value;
    } catch (error) {
      if (Date.now() >= deadline) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}
