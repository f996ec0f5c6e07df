import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { AccessLog } from './access-log';
import { AdminAccounts } from './admin-accounts';
import { Backups } from './backups';
import { Catalog } from './catalog';
import type { ShopStartConfig } from './config';
import { isShopInitialised, openShopDatabase, shopDatabasePath } from './database';
import { Notices } from './notices';
import { Orders } from './orders';
import { Pages } from './pages';
import { adminRoutes } from './routes/admin';
import { opsRoutes } from './routes/ops';
import { publicRoutes } from './routes/public';
import { ProductSearch } from './search';
import { SearchSandbox } from './search-sandbox';
import { seedShop } from './seed';
import { createShopServer, type ShopServices } from './server';
import { initialSettings, SettingsStore } from './settings';

/** The exit code that tells the platform's supervisor "restart me" (`POST /_ops/restart`). */
export const RESTART_EXIT_CODE = 75;

export interface ShopOptions {
  /** How long an injected search may run before its sandbox is killed (default 3 s). */
  searchTimeoutMs?: number;
  /** What `POST /_ops/restart` does after answering; by default the process exits with 75. */
  onRestartRequested?: () => void;
}

export interface RunningShop {
  port: number;
  close(): Promise<void>;
}

/**
 * Starts one team's shop: opens (on the first start, fills) `<dataDir>/shop.db`, makes sure a
 * backup snapshot exists, and listens. A restart keeps the database as it is.
 */
export async function startShop(config: ShopStartConfig, options: ShopOptions = {}): Promise<RunningShop> {
  mkdirSync(config.dataDir, { recursive: true });
  const db = openShopDatabase(config.dataDir);
  let accessLog: AccessLog | undefined;
  let sandbox: SearchSandbox | undefined;
  try {
    const now = () => new Date();
    const catalog = new Catalog(db);
    const accounts = new AdminAccounts(db);
    const settings = new SettingsStore(db, initialSettings(config.vulnerabilities));
    const pages = new Pages(db);
    const backups = new Backups(config.dataDir, db, accounts);
    if (!isShopInitialised(db)) {
      await seedShop({ db, catalog, pages, settings }, config, now());
    } else {
      catalog.addMissingProducts(config.products);
    }
    if (!backups.hasSnapshot()) backups.takeSnapshot(now());

    accessLog = new AccessLog(config.dataDir);
    const searchTimeoutMs = options.searchTimeoutMs ?? 3000;
    // The sandbox process is started on the first injectable search only.
    const search = new ProductSearch(
      db,
      () => (sandbox ??= new SearchSandbox(shopDatabasePath(config.dataDir), searchTimeoutMs)),
    );
    const onRestartRequested = options.onRestartRequested ?? (() => process.exit(RESTART_EXIT_CODE));
    const services: ShopServices = {
      config,
      db,
      catalog,
      orders: new Orders(db),
      accounts,
      settings,
      pages,
      notices: new Notices(db),
      backups,
      search,
      accessLog,
      startedAtMs: Date.now(),
      now,
      requestRestart: () => setTimeout(onRestartRequested, 20),
    };
    const server = createShopServer(services, [...publicRoutes, ...adminRoutes, ...opsRoutes]);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.port, config.host, () => {
        server.off('error', reject);
        resolve();
      });
    });

    let closing: Promise<void> | undefined;
    const openLog = accessLog;
    return {
      port: (server.address() as AddressInfo).port,
      close() {
        closing ??= (async () => {
          await new Promise<void>((resolve) => {
            server.close(() => resolve());
            server.closeAllConnections();
          });
          sandbox?.close();
          await openLog.close();
          db.close();
        })();
        return closing;
      },
    };
  } catch (error) {
    sandbox?.close();
    await accessLog?.close();
    db.close();
    throw error;
  }
}
