import type { RunningServe } from '@mamoru/testing';
import { startMamoruServe } from '@mamoru/testing';

/**
 * `mamoru serve --demo` as `npm start` runs it (embedded PGlite, shops and workers in one process):
 * it prints where it serves and the credentials it made, its bot teams play through the HTTP API,
 * the ticker and standings move, the public board shows it, and Ctrl-C stops everything.
 */
describe('mamoru serve --demo', () => {
  let serve: RunningServe | undefined;

  afterAll(async () => {
    await serve?.stop();
  });

  it('serves a demo game that its bots play through the API, and stops on SIGTERM', async () => {
    serve = await startMamoruServe({ args: ['--demo', '--teams', '2', '--speed', '600'] });
    const { url } = serve;
    const demo = /demo game\s+(demo-[a-z0-9]+)/.exec(await serve.line(/demo game/, 60_000))![1];
    await serve.line(/organiser\s+login "organiser-demo/, 5000);
    await serve.line(/team\s+.*\/team .*join code [A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}/, 5000);
    await serve.line(/standings at 02:/, 120_000); // two game hours: the bots have fixed, sold and answered; attacks came

    const board = (await (await fetch(`${url}/api/games/${demo}/board`)).json()) as {
      standings: { revenueYen: number }[];
      ticker: unknown[];
    };
    expect(board.standings).toHaveLength(2);
    expect(board.standings.some((s) => s.revenueYen > 0)).toBe(true);
    expect(board.ticker.length).toBeGreaterThan(0);
    const health = await fetch(`${url}/health`);
    expect(health.status).toBe(200);

    expect(await serve.stop()).toBe(0);
  }, 240_000);
});
