import type { ShopProductConfig } from './config';
import type { ShopDatabase } from './database';

/**
 * The shop's own copy of the team's products, prices and stock. The platform owns the real price
 * list and stock (game-model §4) and pushes them here; an attack may tamper with this copy, and the
 * crawler notices when the price charged differs from the team's list.
 */

export interface Product {
  id: string;
  name: { ja: string; en: string };
  priceYen: number;
  stock: number;
}

interface ProductRow {
  id: string;
  name_ja: string;
  name_en: string;
  price_yen: number;
  stock: number;
}

function toProduct(row: ProductRow): Product {
  return { id: row.id, name: { ja: row.name_ja, en: row.name_en }, priceYen: row.price_yen, stock: row.stock };
}

export interface CatalogEntry {
  id: string;
  priceYen: number;
  stock: number;
}

export class UnknownProductsError extends Error {
  override readonly name = 'UnknownProductsError';
  constructor(readonly productIds: string[]) {
    super(`unknown products: ${productIds.join(', ')}`);
  }
}

export class Catalog {
  constructor(private readonly db: ShopDatabase) {}

  list(): Product[] {
    const rows = this.db.prepare(`SELECT id, name_ja, name_en, price_yen, stock FROM products ORDER BY rowid`).all();
    return (rows as ProductRow[]).map(toProduct);
  }

  find(productId: string): Product | undefined {
    const row = this.db
      .prepare(`SELECT id, name_ja, name_en, price_yen, stock FROM products WHERE id = ?`)
      .get(productId) as ProductRow | undefined;
    return row ? toProduct(row) : undefined;
  }

  /** Adds configured products the database lacks (a first start, or a scenario that grew). */
  addMissingProducts(products: readonly ShopProductConfig[]): void {
    const insert = this.db.prepare(
      `INSERT OR IGNORE INTO products (id, name_ja, name_en, price_yen, stock) VALUES (?, ?, ?, ?, ?)`,
    );
    this.db.transaction(() => {
      for (const product of products) {
        insert.run(product.id, product.name.ja, product.name.en, product.priceYen, product.stock);
      }
    })();
  }

  /** Returns false when there is no such product. */
  setPrice(productId: string, priceYen: number): boolean {
    return this.db.prepare(`UPDATE products SET price_yen = ? WHERE id = ?`).run(priceYen, productId).changes > 0;
  }

  /** The platform's push: all-or-nothing, so a typo in one id never half-applies a price list. */
  applyCatalog(entries: readonly CatalogEntry[]): Product[] {
    const update = this.db.prepare(`UPDATE products SET price_yen = ?, stock = ? WHERE id = ?`);
    this.db.transaction(() => {
      const unknown = entries.filter((entry) => update.run(entry.priceYen, entry.stock, entry.id).changes === 0);
      if (unknown.length > 0) throw new UnknownProductsError(unknown.map((entry) => entry.id));
    })();
    return this.list();
  }
}
