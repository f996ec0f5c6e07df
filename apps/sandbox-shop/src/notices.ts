import { z } from 'zod';
import type { ShopDatabase } from './database';

/**
 * The team's public notices (apologies, announcements) shown on the home page. The platform owns
 * them and pushes the whole list, so a backup restore leaves them alone.
 */

export const NoticeSchema = z.strictObject({
  atMinute: z.number().int().nonnegative(),
  text: z.string().min(1).max(2000),
});
export type Notice = z.infer<typeof NoticeSchema>;

export class Notices {
  constructor(private readonly db: ShopDatabase) {}

  /** Newest first, as a customer reads them. */
  list(): Notice[] {
    const rows = this.db
      .prepare(`SELECT at_minute, text FROM notices ORDER BY at_minute DESC, position DESC`)
      .all() as {
      at_minute: number;
      text: string;
    }[];
    return rows.map((row) => ({ atMinute: row.at_minute, text: row.text }));
  }

  replaceAll(notices: readonly Notice[]): Notice[] {
    const insert = this.db.prepare(`INSERT INTO notices (position, at_minute, text) VALUES (?, ?, ?)`);
    this.db.transaction(() => {
      this.db.prepare(`DELETE FROM notices`).run();
      notices.forEach((notice, position) => insert.run(position, notice.atMinute, notice.text));
    })();
    return this.list();
  }
}
