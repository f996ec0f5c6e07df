import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { cpus, loadavg, release, tmpdir, totalmem, type } from 'node:os';
import { join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import Redis from 'ioredis';
import { Client } from 'pg';
import { appendBench } from './append.bench';
import type { BenchOutcome, Row } from './bench-kit';
import { DATABASE_URL, errorText, fmtSeconds, gitCommit, progress, QUICK, REDIS_URL, REPO_ROOT } from './bench-kit';
import { CLASSIC_SCENARIO, CLASSIC_TEAMS, classicGameBench } from './classic-game.bench';
import { FOLD_TEAMS, FOLD_TICKS, foldBench } from './fold.bench';
import { fullTickBench } from './full-tick.bench';
import { pushBench } from './push.bench';
import { tickCloseBench } from './tick-close.bench';
import { webBench } from './web.bench';

/**
 * `npm run bench`: every benchmark of test/bench in turn (never two at once: the machine is
 * shared by the figure and its baseline), the table on stdout, and docs/benchmarks.md. With
 * BENCH_QUICK=1 it is a smaller smoke run whose document goes to the temp dir (or BENCH_OUT),
 * so that the committed numbers always come from a full run.
 */

interface Bench {
  name: string;
  run: () => Promise<BenchOutcome>;
  /** Upper bound on the bench's own wall time; past it the bench is reported as failed. */
  timeoutMs: number;
}

const BENCHES: Bench[] = [
  { name: 'fold', run: foldBench, timeoutMs: 120_000 },
  { name: 'append', run: appendBench, timeoutMs: 180_000 },
  { name: 'tick close', run: tickCloseBench, timeoutMs: 180_000 },
  { name: 'full tick', run: fullTickBench, timeoutMs: 240_000 },
  { name: 'classic game', run: classicGameBench, timeoutMs: 400_000 },
  { name: 'push', run: pushBench, timeoutMs: 900_000 },
  { name: 'web', run: webBench, timeoutMs: 600_000 },
];

async function main(): Promise<number> {
  const started = performance.now();
  const loadBefore = loadavg();
  const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim());
  const outcomes: BenchOutcome[] = [];
  let errors = 0;
  for (const bench of BENCHES) {
    if (only && !only.includes(bench.name)) continue;
    progress(`${bench.name}…`);
    const t0 = performance.now();
    try {
      const outcome = await withTimeout(bench.run(), bench.timeoutMs, bench.name);
      outcomes.push(outcome);
      if (outcome.rows.some((r) => r.measured.startsWith('error:'))) errors++;
    } catch (error) {
      errors++;
      outcomes.push({
        title: bench.name,
        rows: [
          { figure: bench.name, measured: `error: ${errorText(error)}`, baseline: '', ratio: '', aim: '', pass: false },
        ],
        notes: [],
      });
    }
    progress(`${bench.name} done in ${fmtSeconds(performance.now() - t0)}`);
  }
  const rows = outcomes.flatMap((o) => o.rows);
  const conditions = await describeConditions(performance.now() - started, loadBefore);
  const table = markdownTable(rows);
  const doc = documentText(table, rows, outcomes, conditions);
  const out =
    process.env.BENCH_OUT ??
    (QUICK ? join(tmpdir(), 'mamoru-benchmarks.quick.md') : join(REPO_ROOT, 'docs', 'benchmarks.md'));
  await writeFile(out, doc);
  process.stdout.write(`${table}\n\n${conditions.map(([k, v]) => `${k}: ${v}`).join('\n')}\n`);
  progress(
    `wrote ${relative(process.cwd(), out) || out}${errors > 0 ? ` (${errors} benchmark(s) failed to run)` : ''}`,
  );
  return errors > 0 ? 1 : 0;
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish in ${fmtSeconds(ms)}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function figureNumber(row: Row): string {
  return row.figure.split(' ')[0].replace(/\.$/, '');
}

function describeHeadroom(headroom: number): string {
  const percent = Math.round(Math.abs(headroom - 1) * 100);
  return headroom >= 1 ? `${percent} % to spare` : `${percent} % short`;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

function passText(row: Row): string {
  if (row.pass === null) return '—';
  return row.pass ? 'pass' : '**FAIL**';
}

function markdownTable(rows: Row[]): string {
  const lines = [
    '| figure | measured | baseline | ratio | aim | pass/fail |',
    '|---|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${cell(r.figure)} | ${cell(r.measured)} | ${cell(r.baseline)} | ${cell(r.ratio)} | ${cell(r.aim)} | ${passText(r)} |`,
    ),
  ];
  return lines.join('\n');
}

async function describeConditions(benchMs: number, loadBefore: number[]): Promise<[string, string][]> {
  const cpu = cpus();
  const model = cpu[0]?.model.trim() ?? 'unknown';
  return [
    ['date', new Date().toISOString()],
    ['mode', QUICK ? 'BENCH_QUICK=1 (smoke run: smaller counts)' : 'full'],
    ['node', process.version],
    ['CPU', `${model}, ${cpu.length} cores (os.cpus())`],
    ['memory', `${(totalmem() / 2 ** 30).toFixed(1)} GiB`],
    ['OS', `${type()} ${release()}`],
    ['commit', gitCommit()],
    [
      'teams',
      `fold ${FOLD_TEAMS} × ${FOLD_TICKS} ticks; append batches of 21 (one tick at 20 teams) and 500; tick close 20; ` +
        `full tick 20 shops; whole game ${CLASSIC_TEAMS} (${CLASSIC_SCENARIO}); push 20 teams to 1,000 and 5,000 ` +
        'audience sockets',
    ],
    ['PostgreSQL', await postgresVersion()],
    ['Redis', await redisVersion()],
    ['PGlite', pgliteVersion()],
    ['bench wall time', fmtSeconds(benchMs)],
    [
      'load average (1, 5, 15 min)',
      `${loadText(loadBefore)} before, ${loadText(loadavg())} after (a 1-min figure well above 0 before ` +
        `means other work was sharing the machine; the figure after includes the bench's own processes)`,
    ],
  ];
}

function loadText(load: number[]): string {
  return load.map((l) => l.toFixed(2)).join(' / ');
}

function pgliteVersion(): string {
  try {
    const file = join(REPO_ROOT, 'node_modules', '@electric-sql', 'pglite', 'package.json');
    return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

async function postgresVersion(): Promise<string> {
  const client = new Client({ connectionString: DATABASE_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    const { rows } = await client.query<{ v: string }>(`SELECT current_setting('server_version') AS v`);
    const sync = await client.query<{ s: string }>(`SELECT current_setting('synchronous_commit') AS s`);
    return `${rows[0].v} on loopback (synchronous_commit ${sync.rows[0].s})`;
  } catch (error) {
    return `not reachable (${errorText(error)})`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function redisVersion(): Promise<string> {
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 3000 });
  try {
    await redis.connect();
    const info = await redis.info('server');
    return `${/redis_version:(\S+)/.exec(info)?.[1] ?? 'unknown'} on loopback`;
  } catch (error) {
    return `not reachable (${errorText(error)})`;
  } finally {
    redis.disconnect();
  }
}

function documentText(table: string, rows: Row[], outcomes: BenchOutcome[], conditions: [string, string][]): string {
  const misses = rows.filter((r) => r.pass === false);
  const memory = rows.filter((r) => r.pass === null && r.why);
  const close = rows.filter((r) => r.pass === true && r.headroom !== undefined && r.headroom < 1.15);
  return [
    '# Benchmarks',
    '',
    'Generated by `npm run bench` (`test/bench/run-bench.ts`); do not edit by hand, run it again. Every figure is ' +
      'measured beside a raw baseline measured in the same run, on the same machine and the same data. **Ratio** is ' +
      'measured ÷ baseline: for rates (events/s) higher is better, for times and memory lower is better. Aims are ' +
      'reported, never asserted: a miss is a finding, not a failed build.',
    '',
    table,
    '',
    misses.length === 0 ? 'Every figure meets its aim.' : 'Missed, and where the time goes (from this run):',
    '',
    ...misses.map(
      (r) =>
        `- **${figureNumber(r)}**${r.headroom === undefined ? '' : ` (${describeHeadroom(r.headroom)})`}: ` +
        `${r.why ?? 'see below'}.`,
    ),
    ...(close.length === 0
      ? []
      : [
          '',
          'Within 15 % of the aim, so a run on a busier or colder machine may flip them:',
          '',
          ...close.map((r) => `- ${figureNumber(r)} (${describeHeadroom(r.headroom!)}): ${r.why ?? 'see below'}.`),
        ]),
    ...(memory.length === 0 ? [] : ['', 'Memory:', '', ...memory.map((r) => `- ${figureNumber(r)}: ${r.why}.`)]),
    '',
    '## Conditions',
    '',
    ...conditions.map(([k, v]) => `- ${k}: ${v}`),
    '',
    'All traffic is on loopback. Every loop is bounded in count and in time; benchmarks run one after another.',
    '',
    '## How to reproduce',
    '',
    '```sh',
    'npm run bench              # the full run: writes docs/benchmarks.md and prints the table',
    'BENCH_QUICK=1 npm run bench   # a smaller smoke run; its document goes to the temp dir (or BENCH_OUT)',
    'BENCH_ONLY=fold,append npm run bench   # some benchmarks only: fold, append, tick close, full tick, classic game, push, web',
    '```',
    '',
    'It needs Redis (`REDIS_URL`, default `redis://127.0.0.1:6379`) and PostgreSQL (`TEST_DATABASE_URL`, default ' +
      '`postgres://postgres@127.0.0.1:5432/test`; it creates scratch tables and games with unique names and removes ' +
      'them). One file per benchmark under `test/bench/`.',
    '',
    ...outcomes.flatMap((o) => [`## ${o.title}`, '', ...o.notes.flatMap((n) => [n, ''])]),
  ].join('\n');
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
