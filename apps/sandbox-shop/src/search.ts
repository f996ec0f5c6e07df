import type { ShopDatabase } from './database';
import type { SearchCell, SearchSandbox } from './search-sandbox';
import { injectableSearchSql } from './vulnerabilities';

/**
 * Product search. The safe path is a parameterised query on the shop's own connection; the
 * injectable path (`sqli-search`, see `vulnerabilities.ts`) builds SQL from the text and runs it in
 * the search sandbox, read-only.
 */

export interface SearchResult {
  /** Normally a product name; whatever the first column holds when the search is injected. */
  name: SearchCell;
  /** Normally a price in yen; whatever the second column holds when the search is injected. */
  price: SearchCell;
}

/** A search box's sensible length; longer text is refused before any SQL is built. */
export const MAX_SEARCH_QUERY_CHARS = 500;

export class ProductSearch {
  constructor(
    private readonly db: ShopDatabase,
    private readonly sandbox: () => SearchSandbox,
  ) {}

  safe(query: string): SearchResult[] {
    const pattern = `%${query.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    const rows = this.db
      .prepare(
        `SELECT name_ja || ' / ' || name_en AS name, price_yen AS price FROM products
         WHERE name_en LIKE ? ESCAPE '\\' OR name_ja LIKE ? ESCAPE '\\' ORDER BY rowid`,
      )
      .all(pattern, pattern) as SearchResult[];
    return rows;
  }

  async injectable(query: string): Promise<SearchResult[]> {
    const rows = await this.sandbox().select(injectableSearchSql(query));
    return rows.map(([name = null, price = null]) => ({ name, price }));
  }
}
