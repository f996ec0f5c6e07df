import { rmSync } from 'node:fs';
import { openShopDatabase, shopDatabasePath } from './database';
import { SearchSandbox } from './search-sandbox';
import { makeDataDir } from './testing/test-shop';

describe('SearchSandbox', () => {
  const dataDir = makeDataDir();
  const db = openShopDatabase(dataDir);
  db.prepare(
    `INSERT INTO products (id, name_ja, name_en, price_yen, stock) VALUES ('tea', '緑茶', 'Green tea', 1200, 5)`,
  ).run();
  const sandbox = new SearchSandbox(shopDatabasePath(dataDir), 1000);

  afterAll(() => {
    sandbox.close();
    db.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('runs a SELECT and returns the first two columns', async () => {
    expect(await sandbox.select(`SELECT name_en, price_yen, stock FROM products`)).toEqual([['Green tea', 1200]]);
  });

  it('refuses every statement that would write, even one that returns rows', async () => {
    for (const sql of [
      `DELETE FROM products RETURNING id, name_en`,
      `UPDATE products SET price_yen = 1 RETURNING id, price_yen`,
      `INSERT INTO products VALUES ('x', 'x', 'x', 1, 1) RETURNING id, name_en`,
      `SELECT 1, 2; DELETE FROM products`,
      `ATTACH DATABASE ':memory:' AS other`,
    ]) {
      await expect(sandbox.select(sql)).rejects.toThrow('search query failed');
    }
    expect(db.prepare(`SELECT price_yen FROM products`).all()).toEqual([{ price_yen: 1200 }]);
  });

  it('caps the rows and the size of each cell', async () => {
    const rows = await sandbox.select(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n LIMIT 10000) SELECT hex(zeroblob(2000)), i FROM n`,
    );
    expect(rows).toHaveLength(500);
    expect(String(rows[0]?.[0])).toHaveLength(500);
  });

  it('kills a query that runs too long and starts afresh', async () => {
    await expect(
      sandbox.select(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*), 1 FROM n`),
    ).rejects.toThrow('timed out');
    expect(await sandbox.select(`SELECT id, stock FROM products`)).toEqual([['tea', 5]]);
  });

  it('sees writes the shop made after it started', async () => {
    db.prepare(`UPDATE products SET stock = 4`).run();
    expect(await sandbox.select(`SELECT id, stock FROM products`)).toEqual([['tea', 4]]);
  });
});
