import { parseArgs } from 'node:util';
import { loadShopConfig, ShopConfigError } from './config';
import { RESTART_EXIT_CODE, startShop } from './shop';

/**
 * The shop process as the platform starts it:
 *   node -r tools/register.js apps/sandbox-shop/src/main.ts --config <dataDir>/config.json
 * It prints exactly one line to stdout, `{"ready":true,"port":<port>}`, once it listens; everything
 * else goes to stderr. Exit codes: 2 bad config or arguments, 75 restart requested, 1 crash.
 */

const CONFIG_ERROR_EXIT_CODE = 2;

function fail(message: string, code: number): never {
  process.stderr.write(`sandbox-shop: ${message}\n`);
  process.exit(code);
}

async function main(): Promise<void> {
  let configPath: string | undefined;
  try {
    configPath = parseArgs({ options: { config: { type: 'string' } }, strict: true }).values.config;
  } catch (error) {
    fail(`${(error as Error).message}\nusage: main.ts --config <dataDir>/config.json`, CONFIG_ERROR_EXIT_CODE);
  }
  if (!configPath) fail('usage: main.ts --config <dataDir>/config.json', CONFIG_ERROR_EXIT_CODE);

  let config;
  try {
    config = loadShopConfig(configPath);
  } catch (error) {
    if (error instanceof ShopConfigError) fail(error.message, CONFIG_ERROR_EXIT_CODE);
    throw error;
  }

  const stopThenExit = (code: number) => {
    // If closing hangs on something, the supervisor still gets its exit code.
    setTimeout(() => process.exit(code), 2000).unref();
    void shop.close().finally(() => process.exit(code));
  };
  const shop = await startShop(config, { onRestartRequested: () => stopThenExit(RESTART_EXIT_CODE) });
  process.on('SIGTERM', () => stopThenExit(0));
  process.on('SIGINT', () => stopThenExit(0));
  // Started by the platform with an IPC channel: when the platform dies (even by SIGKILL), the
  // channel closes and the shop goes too, so no orphaned shop keeps its port and data.
  if (process.connected) process.on('disconnect', () => stopThenExit(0));
  process.on('unhandledRejection', (reason) => {
    process.stderr.write(`sandbox-shop: unhandled rejection: ${String(reason)}\n`);
  });
  process.stdout.write(`${JSON.stringify({ ready: true, port: shop.port })}\n`);
}

main().catch((error: unknown) => fail(`failed to start: ${(error as Error)?.stack ?? String(error)}`, 1));
