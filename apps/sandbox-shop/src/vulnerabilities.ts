import type { ShopVulnerabilityId } from './config';
import type { ShopSettings } from './settings';

/**
 * Every deliberately placed hole of the shop, in one place so a reviewer can see all of them at once
 * (game-model §7). A hole is open only when the scenario placed it AND the team has not yet applied
 * its fix; the fixes are ops settings, except `default-admin-password`, whose fix is a new
 * password (`POST /_ops/admin-password`) and which therefore lives only in the seeded account.
 *
 * What the holes may do is bounded on purpose: the injectable search runs one SELECT on a read-only
 * connection in a disposable child process (`search-sandbox.ts`); the exposed backup is generated
 * from the database, never read from a path; nothing here runs code or touches a file.
 */

export interface OpenHoles {
  /** `sqli-search`: the search query is string-built SQL. Fix: `searchSafeQueries`. */
  injectableSearch: boolean;
  /** `price-api-unauth`: anyone may change a price. Fix: `priceApiRequireAuth`. */
  unauthenticatedPriceApi: boolean;
  /** `exposed-backup`: `/backup/shop-backup.sql` is downloadable. Fix: `backupExposed: false`. */
  exposedBackup: boolean;
}

export function openHoles(placed: readonly ShopVulnerabilityId[], settings: ShopSettings): OpenHoles {
  return {
    injectableSearch: placed.includes('sqli-search') && !settings.searchSafeQueries,
    unauthenticatedPriceApi: placed.includes('price-api-unauth') && !settings.priceApiRequireAuth,
    exposedBackup: placed.includes('exposed-backup') && settings.backupExposed,
  };
}

/**
 * The `sqli-search` hole: the customer's text pasted into SQL. Two columns, so that
 * `' UNION SELECT email, card_number FROM customers--` leaks the customers.
 */
export function injectableSearchSql(query: string): string {
  return (
    `SELECT name_ja || ' / ' || name_en AS name, price_yen AS price FROM products ` +
    `WHERE name_en LIKE '%${query}%' OR name_ja LIKE '%${query}%'`
  );
}
