import type { StoredEvent } from '@mamoru/domain';
import { foldEvents } from '@mamoru/domain';
import { readArchive } from '@mamoru/engine';
import { makeTempDir, REPO_ROOT, runMamoru } from '@mamoru/testing';
import { execSync, spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';

/**
 * Bad input gets a clear error and an exit code, never a stack trace; a dead shop costs its team
 * downtime and never crashes the game; tampered prices cost the team that did not fix.
 */
describe('hostile input and harm, through the mamoru command', () => {
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  let archive: string;
  let tamperEvents: StoredEvent[];

  beforeAll(async () => {
    dir = await makeTempDir();
    archive = join(dir.path, 'tamper.ndjson.gz');
    const run = await runMamoru(
      [
        'run',
        '--scenario',
        'test/fixtures/tamper.yaml',
        '--teams',
        '3',
        '--bots',
        'mixed',
        '--fast',
        '--json',
        '--out',
        archive,
      ],
      { env: { MAMORU_DATA_DIR: dir.path, DATABASE_URL: '' } },
    );
    if (run.code !== 0) throw new Error(run.stderr);
    tamperEvents = (await readArchive(archive)).events;
  }, 300_000);

  afterAll(async () => {
    await dir?.remove();
  });

  describe('validate', () => {
    it('locates a YAML syntax error', async () => {
      const file = join(dir.path, 'broken.yaml');
      await writeFile(file, 'id: broken\ntitle: { ja: a, en: b\nproducts: []\n');
      const result = await runMamoru(['validate', file]);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+: `, 'm'));
      expect(result.stderr).not.toMatch(/at .*\.ts:\d+/); // no stack trace
    });

    it('locates schema errors: an unknown key and a wrong type, with their field paths', async () => {
      const source = (await readFile('test/fixtures/tamper.yaml', 'utf8'))
        .replace('seed: 11', 'seed: eleven')
        .replace('duration:', 'durration: x\nduration:');
      const file = join(dir.path, 'schema.yaml');
      await writeFile(file, source);
      const result = await runMamoru(['validate', file]);
      expect(result.code).toBe(1);
      const lines = result.stderr.trim().split('\n');
      expect(lines.some((l) => /:\d+:\d+: .*seed/.test(l))).toBe(true);
      expect(lines.some((l) => /:\d+:\d+: .*durration/.test(l))).toBe(true);
    });

    it('accepts the bundled scenarios', async () => {
      const result = await runMamoru(['validate', 'scenarios/classic.yaml', 'test/fixtures/mini.yaml']);
      expect(result.code).toBe(0);
    });

    it('says clearly when the file does not exist', async () => {
      const result = await runMamoru(['validate', join(dir.path, 'missing.yaml')]);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/missing\.yaml:1:1: cannot read the file \(ENOENT\)/);
    });
  });

  describe('replay of damaged archives', () => {
    it('refuses a file that is not gzip', async () => {
      const file = join(dir.path, 'plain.ndjson.gz');
      await writeFile(file, '{"format":"mamoru-archive"}\n');
      const result = await runMamoru(['replay', file]);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/mamoru: .*not a complete gzip archive/);
    });

    it('refuses a truncated archive', async () => {
      const bytes = await readFile(archive);
      const file = join(dir.path, 'truncated.ndjson.gz');
      await writeFile(file, bytes.subarray(0, Math.floor(bytes.length / 2)));
      const result = await runMamoru(['replay', file]);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/mamoru: .*(not a complete gzip archive|truncated)/);
    });

    it('refuses an archive whose events were cut or tampered with', async () => {
      const lines = gunzipSync(await readFile(archive))
        .toString('utf8')
        .trim()
        .split('\n');
      const cut = join(dir.path, 'cut.ndjson.gz');
      await writeFile(cut, gzipSync(lines.slice(0, lines.length - 5).join('\n') + '\n'));
      const cutResult = await runMamoru(['replay', cut]);
      expect(cutResult.code).toBe(1);
      expect(cutResult.stderr).toMatch(/truncated: the header promises \d+ events, found \d+/);

      const bad = join(dir.path, 'bad.ndjson.gz');
      const broken = [...lines];
      broken[3] = broken[3].replace('"type":"', '"type":"x');
      await writeFile(bad, gzipSync(broken.join('\n') + '\n'));
      const badResult = await runMamoru(['replay', bad]);
      expect(badResult.code).toBe(1);
      expect(badResult.stderr).toMatch(/line 4 is not a valid event/);
    });

    it('refuses a bad --at time', async () => {
      const result = await runMamoru(['replay', archive, '--at', '25:99']);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/--at must be a game time HH:MM/);
    });
  });

  describe('run options', () => {
    it.each([
      [['--teams', '0'], /--teams must be 1 to 100/],
      [['--game', 'Bad Id'], /--game must be lower-case/],
      [['--bots', 'clever'], /--bots must be none, mixed/],
    ])('refuses %j', async (args, message) => {
      const result = await runMamoru(['run', '--scenario', 'test/fixtures/tamper.yaml', '--fast', ...args], {
        env: { MAMORU_DATA_DIR: dir.path },
      });
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(message);
    });
  });

  it('plays on when every shop is dead: downtime for the teams, attacks not counted, no crash', async () => {
    const sandboxes = join(dir.path, 'dead-shops.json');
    await writeFile(
      sandboxes,
      JSON.stringify({
        teams: [1, 2].map((n) => ({
          teamId: `team-${n}`,
          baseUrl: 'http://127.0.0.1:9',
          opsToken: 'x'.repeat(24),
          integrityToken: 'y'.repeat(16),
        })),
      }),
    );
    const out = join(dir.path, 'dead.ndjson.gz');
    const result = await runMamoru(
      [
        'run',
        '--scenario',
        'test/fixtures/tamper.yaml',
        '--game',
        'dead-shops',
        '--teams',
        '2',
        '--sandboxes',
        sandboxes,
        '--fast',
        '--json',
        '--out',
        out,
      ],
      { env: { MAMORU_DATA_DIR: dir.path, DATABASE_URL: '' } },
    );
    expect({ code: result.code, stderr: result.code === 0 ? '' : result.stderr }).toEqual({ code: 0, stderr: '' });
    const standings = JSON.parse(result.stdout) as { teams: { downtimeMinutes: number; revenue: number }[] };
    expect(standings.teams.map((t) => t.downtimeMinutes)).toEqual([20, 20]);
    expect(standings.teams.map((t) => t.revenue)).toEqual([0, 0]);
    const { events } = await readArchive(out);

    // The same game id again: refused unless --fresh, so no log is deleted by accident.
    const args = [
      'run',
      '--scenario',
      'test/fixtures/tamper.yaml',
      '--game',
      'dead-shops',
      '--teams',
      '2',
      '--sandboxes',
      sandboxes,
      '--fast',
      '--json',
    ];
    const env = { MAMORU_DATA_DIR: dir.path, DATABASE_URL: '' };
    const again = await runMamoru(args, { env });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/game "dead-shops" already has \d+ events in the log; pass --fresh/);
    expect((await runMamoru([...args, '--fresh'], { env })).code).toBe(0);

    const attacks = events.filter((e) => e.type === 'attack.finished');
    expect(attacks.map((e) => (e.type === 'attack.finished' ? e.data.outcome : ''))).toEqual(['error', 'error']);
  });

  it('leaves no shop running when the mamoru process is killed outright', async () => {
    const data = join(dir.path, 'killed');
    const child = spawn(
      process.execPath,
      [
        'bin/mamoru',
        'run',
        '--scenario',
        'test/fixtures/tamper.yaml',
        '--game',
        'killed',
        '--teams',
        '2',
        '--speed',
        '1',
      ],
      {
        cwd: REPO_ROOT,
        env: { ...process.env, MAMORU_DATA_DIR: data, DATABASE_URL: '' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const shopsOf = () =>
      execSync('ps -eo args')
        .toString()
        .split('\n')
        .filter((l) => l.includes(`${data}/games/killed/shops/`)).length;
    const deadline = Date.now() + 60_000;
    while (shopsOf() < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
    expect(shopsOf()).toBe(2);
    child.kill('SIGKILL');
    const gone = Date.now() + 10_000;
    while (shopsOf() > 0 && Date.now() < gone) await new Promise((r) => setTimeout(r, 250));
    expect(shopsOf()).toBe(0);
  });

  it('a team that left the price API open sells at the attacker’s price and loses trust; the fixer does not', () => {
    const state = foldEvents(undefined, tamperEvents);
    const outcome = (teamId: string) =>
      tamperEvents.find((e) => e.type === 'attack.finished' && e.data.teamId === teamId)?.data as { outcome: string };
    expect(outcome('team-1').outcome).toBe('blocked');
    expect(outcome('team-3').outcome).toBe('succeeded');
    const tampered = (teamId: string) =>
      tamperEvents
        .filter(
          (e): e is Extract<StoredEvent, { type: 'crawl.observed' }> =>
            e.type === 'crawl.observed' && e.data.teamId === teamId,
        )
        .reduce((sum, e) => sum + (e.data.outcomes.tampered ?? 0), 0);
    expect(tampered('team-1')).toBe(0);
    expect(tampered('team-3')).toBeGreaterThan(0);
    const cheapOrders = tamperEvents.filter(
      (e) => e.type === 'crawl.observed' && e.data.teamId === 'team-3' && e.data.orders.some((o) => o.chargedYen === 1),
    );
    expect(cheapOrders.length).toBeGreaterThan(0);
    expect(state.teams['team-3'].trustMicro).toBeLessThan(state.teams['team-1'].trustMicro);
    expect(state.teams['team-3'].revenueYen).toBeLessThan(state.teams['team-1'].revenueYen);
  });
});
