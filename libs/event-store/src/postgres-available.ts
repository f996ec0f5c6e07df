import { spawnSync } from 'node:child_process';

/**
 * Whether Postgres answers at `url`, checked synchronously (in a child process) so that a spec
 * file can choose `describe` or a skipped describe while jest collects its tests.
 */
export function postgresReachable(url: string): boolean {
  const script = `
    const { Client } = require(process.env.PG_MODULE);
    const client = new Client({ connectionString: process.env.PG_URL, connectionTimeoutMillis: 3000 });
    client.connect().then(() => client.query('SELECT 1')).then(() => client.end()).then(
      () => process.exit(0),
      () => process.exit(1),
    );`;
  const result = spawnSync(process.execPath, ['-e', script], {
    env: { ...process.env, PG_MODULE: require.resolve('pg'), PG_URL: url },
    timeout: 10_000,
    stdio: 'ignore',
  });
  return result.status === 0;
}
