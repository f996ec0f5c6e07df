import Database from 'better-sqlite3';
import { join } from 'node:path';

/** The shop's SQLite connection (read-write). The injectable search never gets this one. */
export type ShopDatabase = Database.Database;

export function shopDatabasePath(dataDir: string): string {
  return join(dataDir, 'shop.db');
}

/**
 * The schema of a small, old-fashioned web shop. Column names are part of the game: the SQL
 * injection leaks `customers.email` and `customers.card_number`, and the exposed backup dumps
 * these tables, so attack scripts are written against them.
 */
const SCHEMA = `
  CREATE TABLE IF NOT EXISTS meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );
  CREATE TABLE IF NOT EXISTS products (
    id TEXT PRIMARY KEY,
    name_ja TEXT NOT NULL,
    name_en TEXT NOT NULL,
    price_yen INTEGER NOT NULL,
    stock INTEGER NOT NULL
  );
  CREATE TABLE IF NOT EXISTS customers (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    email TEXT NOT NULL,
    card_number TEXT NOT NULL
  );
  CREATE TABLE IF NOT EXISTS admin_accounts (
    username TEXT PRIMARY KEY,
    password_hash TEXT NOT NULL
  );
  CREATE TABLE IF NOT EXISTS settings (
    key TEXT PRIMARY KEY,
    value INTEGER NOT NULL
  );
  CREATE TABLE IF NOT EXISTS pages (
    slug TEXT PRIMARY KEY,
    replacement_html TEXT
  );
  CREATE TABLE IF NOT EXISTS notices (
    position INTEGER PRIMARY KEY,
    at_minute INTEGER NOT NULL,
    text TEXT NOT NULL
  );
  CREATE TABLE IF NOT EXISTS orders (
    id TEXT PRIMARY KEY,
    product_id TEXT NOT NULL,
    quantity INTEGER NOT NULL,
    unit_price_yen INTEGER NOT NULL,
    total_yen INTEGER NOT NULL,
    customer_name TEXT NOT NULL,
    customer_email TEXT NOT NULL,
    created_at TEXT NOT NULL,
    idempotency_key TEXT
  );
  CREATE INDEX IF NOT EXISTS orders_by_idempotency_key ON orders (idempotency_key);
`;

/**
 * Opens (creating if needed) `<dataDir>/shop.db`. WAL lets the injectable search read from its own
 * read-only connection in another process without blocking checkouts.
 */
export function openShopDatabase(dataDir: string): ShopDatabase {
  const db = new Database(shopDatabasePath(dataDir));
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  db.exec(SCHEMA);
  return db;
}

/** True once the first start has filled the database; a restart keeps what is there. */
export function isShopInitialised(db: ShopDatabase): boolean {
  return db.prepare(`SELECT 1 FROM meta WHERE key = 'initialisedAt'`).get() !== undefined;
}

export function markShopInitialised(db: ShopDatabase, at: Date): void {
  db.prepare(`INSERT OR REPLACE INTO meta (key, value) VALUES ('initialisedAt', ?)`).run(at.toISOString());
}
