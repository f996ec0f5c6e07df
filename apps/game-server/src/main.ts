import 'reflect-metadata';
import { AuthService, loadServerConfig, startLiveServer } from '@mamoru/server';

/**
 * The game server as its own process: `node -r ./tools/register.js apps/game-server/src/main.ts`
 * (several of them on PostgreSQL serve one deployment; see docs/operations.md).
 * Prints `{"ready":true,"url":...}` on stdout once it listens; stops cleanly on SIGTERM/SIGINT.
 */
async function main(): Promise<void> {
  const config = loadServerConfig(process.env);
  const server = await startLiveServer({ config });
  // Created while the server started; printed before the ready line so that it is never missed.
  const admin = await server.app.get(AuthService).bootstrapAdmin();
  if (admin) {
    process.stderr.write(
      `\nFirst start: created the organiser account "${admin.login}" with password ${admin.password}\n` +
        `Sign in and change it (POST /api/auth/password): it is not shown again.\n\n`,
    );
  }
  process.stdout.write(JSON.stringify({ ready: true, url: server.url }) + '\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
