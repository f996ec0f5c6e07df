import { scenarioJsonSchema } from '@mamoru/domain';
import { ArchiveError } from '@mamoru/engine';
import { Command, InvalidArgumentError } from 'commander';
import { ConfigError, loadConfig } from './config';
import { replayCommand } from './commands/replay';
import { parseBots, runCommand } from './commands/run';
import { serveCommand } from './commands/serve';
import { UsageError } from './usage-error';
import { mamoruVersion } from './version';
import { ScenarioFileError } from './commands/scenario-file';
import { validateCommand } from './commands/validate';

const out = (line: string) => process.stdout.write(line + '\n');
const err = (line: string) => process.stderr.write(line + '\n');

function integer(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number');
  return n;
}

function positive(value: string): number {
  const n = Number(value);
  if (!(n > 0)) throw new InvalidArgumentError('expected a positive number');
  return n;
}

async function main(argv: string[]): Promise<number> {
  let exitCode = 0;
  const program = new Command()
    .name('mamoru')
    .description('Mamoru (衛る): Hardening-style cyber defence exercises')
    .version(mamoruVersion())
    .showHelpAfterError();

  program
    .command('validate')
    .description('check scenario files; prints file:line:col: message for every problem')
    .argument('<files...>')
    .action(async (files: string[]) => {
      exitCode = await validateCommand(files, out, err);
    });

  program
    .command('run')
    .description('run a whole game headless through Redis, BullMQ, the event store and bundled shops')
    .requiredOption('--scenario <file>', 'scenario YAML file')
    .option('--game <slug>', 'game id ([a-z0-9-]; default <scenario id>-<seed>)')
    .option('--teams <n>', 'number of teams', integer, 3)
    .option('--seed <n>', 'seed (default: the scenario seed)', integer)
    .option('--fast', 'fast-forward: each tick as soon as the previous one is done', false)
    .option('--speed <x>', 'game seconds per wall second', positive, 1)
    .option('--bots <kind>', 'none | mixed | early | late | never', parseBots, 'none')
    .option('--sandboxes <file>', 'external shops: JSON {teams:[{teamId, baseUrl, opsToken, integrityToken}]}')
    .option('--out <archive>', 'archive file to write (default .data/games/<game>/archive.ndjson.gz)')
    .option('--json', 'print one JSON standings document at the end', false)
    .option('--fresh', 'delete an earlier game with the same id first', false)
    .option('--external-workers', 'leave ticks and attacks to scoring-worker processes (needs DATABASE_URL)', false)
    .action(async (opts) => {
      exitCode = await runCommand(opts, loadConfig(), out);
    });

  program
    .command('serve')
    .description('the live game server: REST API, Socket.IO push, workers and shops in one process (embedded defaults)')
    .option('--port <n>', 'port to listen on (0: any free port)', integer, 3000)
    .option('--host <address>', 'address to listen on', '127.0.0.1')
    .option('--demo', 'create and start a classic game whose bot teams act through the HTTP API', false)
    .option('--teams <n>', 'bot teams of the demo game', integer, 6)
    .option('--speed <x>', 'game seconds per wall second of the demo game', positive, 60)
    .option('--external-workers', 'leave ticks and attacks to scoring-worker processes (needs DATABASE_URL)', false)
    .option('--shared-sandboxes', "read each game's shops from its sandboxes.json instead of starting them here", false)
    .action(
      async (opts: {
        port: number;
        host: string;
        demo: boolean;
        teams: number;
        speed: number;
        externalWorkers: boolean;
        sharedSandboxes: boolean;
      }) => {
        exitCode = await serveCommand(
          { ...opts, sandboxes: opts.sharedSandboxes ? 'shared' : 'embedded' },
          loadConfig(),
          out,
          process.env,
        );
      },
    );

  program
    .command('replay')
    .description('standings of an archived game at a game time, by the same fold')
    .argument('<archive>')
    .option('--at <HH:MM>', 'game time (default: the end)')
    .option('--json', 'print JSON', false)
    .action(async (file: string, opts: { at?: string; json: boolean }) => {
      exitCode = await replayCommand(file, opts, out);
    });

  program
    .command('schema')
    .description('print the JSON Schema of scenario files (scenarios/schema.json)')
    .action(() => {
      out(JSON.stringify(scenarioJsonSchema(), null, 2));
    });

  await program.parseAsync(argv);
  return exitCode;
}

main(process.argv).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof ScenarioFileError) error.lines.forEach((l) => err(l));
    else if (error instanceof UsageError || error instanceof ConfigError || error instanceof ArchiveError)
      err(`mamoru: ${error.message}`);
    else err(`mamoru: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
