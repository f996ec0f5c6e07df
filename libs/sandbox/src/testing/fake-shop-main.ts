import { readFileSync } from 'node:fs';
import { startFakeShop } from './fake-shop';

/**
 * The fake shop as a process, started the way the embedded driver starts the bundled shop
 * (`node -r tools/register.js fake-shop-main.ts --config <file>`), so the driver's supervision can
 * be tested without the real shop. It prints the ready line, exits 75 after `POST /_ops/restart`,
 * and misbehaves on request through the environment:
 * `FAKE_SHOP_CRASH_ON_START=1` (exits 3 after writing to stderr), `FAKE_SHOP_NEVER_READY=1`.
 */

interface Config {
  teamId: string;
  host: string;
  port: number;
  opsToken: string;
  integrityToken: string;
  products: { id: string; priceYen: number; stock: number }[];
}

async function main(): Promise<void> {
  const configPath = process.argv[process.argv.indexOf('--config') + 1];
  const config = JSON.parse(readFileSync(configPath, 'utf8')) as Config;
  if (process.env.FAKE_SHOP_CRASH_ON_START === '1') {
    process.stderr.write(`fake shop ${config.teamId}: cannot open database (on purpose)\n`);
    process.exit(3);
  }
  if (process.env.FAKE_SHOP_NEVER_READY === '1') {
    process.stderr.write(`fake shop ${config.teamId}: hanging before ready (on purpose)\n`);
    setInterval(() => undefined, 60_000);
    return;
  }
  const shop = await startFakeShop({
    teamId: config.teamId,
    host: config.host,
    port: config.port,
    opsToken: config.opsToken,
    integrityToken: config.integrityToken,
    products: Object.fromEntries(config.products.map((p) => [p.id, { priceYen: p.priceYen, stock: p.stock }])),
    onRestart: () => process.exit(75),
  });
  process.on('SIGTERM', () => {
    void shop.close().then(() => process.exit(0));
  });
  process.stdout.write(`fake shop ${config.teamId} starting\n`);
  process.stdout.write(`${JSON.stringify({ ready: true, port: shop.port })}\n`);
}

void main();
