import Database from 'better-sqlite3';

/**
 * The disposable process in which the injectable search runs (see `search-sandbox.ts`). It holds
 * only a read-only connection and answers one SELECT per message; a hostile query can hang or
 * bloat this process, which the shop then kills, but never the shop itself.
 *
 * Keep this file free of project imports: it is compiled on every (re)start of the child.
 */

const MAX_ROWS = 500;
const MAX_CELL_CHARS = 500;

type Cell = string | number | null;

function toCell(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return value;
  const text = Buffer.isBuffer(value) ? value.toString('utf8') : String(value);
  return text.length > MAX_CELL_CHARS ? text.slice(0, MAX_CELL_CHARS) : text;
}

const databaseFile = process.argv[2];
if (!databaseFile || !process.send) process.exit(2);

const db = new Database(databaseFile, { readonly: true, fileMustExist: true });
db.pragma('query_only = 1');

process.on('message', (message: { id: number; sql: string }) => {
  try {
    // prepare() refuses a second statement, so `'; DROP TABLE ...` fails here.
    const statement = db.prepare(message.sql);
    if (!statement.reader || !statement.readonly) throw new Error('only a read-only SELECT may run here');
    const rows: Cell[][] = [];
    for (const row of statement.raw(true).iterate() as IterableIterator<unknown[]>) {
      rows.push(row.slice(0, 2).map(toCell));
      if (rows.length >= MAX_ROWS) break;
    }
    process.send?.({ id: message.id, rows });
  } catch {
    // The parent answers a generic 500; the SQL error text stays here.
    process.send?.({ id: message.id, failed: true });
  }
});
// The shop went away (exit, restart, crash): so does its sandbox.
process.on('disconnect', () => process.exit(0));
process.send?.({ ready: true });
