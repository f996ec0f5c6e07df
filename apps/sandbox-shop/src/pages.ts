import type { ShopDatabase } from './database';

/**
 * Content pages the admin can edit. Only the home page exists; when the admin stores a replacement
 * it is served verbatim (that is how a defacement happens, and why a backup restore matters).
 */

export const HOME_PAGE_SLUG = 'home';

export class Pages {
  constructor(private readonly db: ShopDatabase) {}

  /** Ensures the home page row exists with no replacement (the built-in page is served). */
  addDefaultPages(): void {
    this.db.prepare(`INSERT OR IGNORE INTO pages (slug, replacement_html) VALUES (?, NULL)`).run(HOME_PAGE_SLUG);
  }

  /** The admin's replacement HTML for the home page, or null when the built-in page is served. */
  homeReplacement(): string | null {
    const row = this.db.prepare(`SELECT replacement_html FROM pages WHERE slug = ?`).get(HOME_PAGE_SLUG) as
      { replacement_html: string | null } | undefined;
    return row?.replacement_html ?? null;
  }

  /** `null` goes back to the built-in page. */
  replaceHome(html: string | null): void {
    this.db.prepare(`INSERT OR REPLACE INTO pages (slug, replacement_html) VALUES (?, ?)`).run(HOME_PAGE_SLUG, html);
  }
}
