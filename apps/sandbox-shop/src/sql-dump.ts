import type { ShopDatabase } from './database';

/**
 * The `shop-backup.sql` a careless admin left where the web server serves it (`exposed-backup`).
 * It is generated from the database on each download rather than read from disk, so serving it can
 * never expose any other file.
 */

/** The tables an old-fashioned nightly dump would hold; customers are what the leak is about. */
const DUMPED_TABLES = ['products', 'customers', 'admin_accounts', 'settings'] as const;

function sqlLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  return `'${String(value).replace(/'/g, "''")}'`;
}

export function renderSqlDump(db: ShopDatabase, now: Date): string {
  const lines = [`-- shop database backup`, `-- taken ${now.toISOString()}`, 'BEGIN TRANSACTION;'];
  db.transaction(() => {
    for (const table of DUMPED_TABLES) {
      const create = db.prepare(`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?`).get(table) as
        { sql: string } | undefined;
      if (create) lines.push(`${create.sql.trim()};`);
      const statement = db.prepare(`SELECT * FROM ${table} ORDER BY rowid`);
      const columns = statement.columns().map((column) => column.name);
      for (const row of statement.raw(true).iterate() as IterableIterator<unknown[]>) {
        lines.push(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${row.map(sqlLiteral).join(', ')});`);
      }
    }
  })();
  lines.push('COMMIT;', '');
  return lines.join('\n');
}
