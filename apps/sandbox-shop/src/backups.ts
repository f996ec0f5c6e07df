import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { AdminAccounts } from './admin-accounts';
import type { ShopDatabase } from './database';

/**
 * Backup snapshots of what a team is responsible for: content pages, admin accounts and settings.
 * Not products' prices or stock, nor notices: the platform owns those (game-model §4), so a restore
 * can never undo a sale or a price the team set. Snapshots are JSON files in `<dataDir>/backups/`.
 *
 * A restore brings back exactly what the snapshot held: restoring the first-start snapshot after
 * changing the admin password brings back the old password too, so a team should take a new
 * backup once it has fixed things.
 */

const SnapshotSchema = z.strictObject({
  version: z.literal(1),
  takenAt: z.string(),
  pages: z.array(z.strictObject({ slug: z.string(), replacement_html: z.string().nullable() })),
  adminAccounts: z.array(z.strictObject({ username: z.string(), password_hash: z.string() })),
  settings: z.array(z.strictObject({ key: z.string(), value: z.number().int() })),
});
type Snapshot = z.infer<typeof SnapshotSchema>;

export interface BackupInfo {
  backupId: string;
  takenAt: string;
}

const SNAPSHOT_FILE = /^snapshot-(\d{6})\.json$/;
/** Older snapshots are deleted beyond this many, so repeated backups cannot fill the disk. */
const KEPT_SNAPSHOTS = 50;

export class NoBackupError extends Error {
  override readonly name = 'NoBackupError';
}

export class Backups {
  private readonly directory: string;

  constructor(
    dataDir: string,
    private readonly db: ShopDatabase,
    private readonly accounts: AdminAccounts,
  ) {
    this.directory = join(dataDir, 'backups');
  }

  hasSnapshot(): boolean {
    return this.snapshotFiles().length > 0;
  }

  takeSnapshot(now: Date): BackupInfo {
    const snapshot: Snapshot = this.db.transaction(() => ({
      version: 1 as const,
      takenAt: now.toISOString(),
      pages: this.db.prepare(`SELECT slug, replacement_html FROM pages ORDER BY slug`).all() as Snapshot['pages'],
      adminAccounts: this.db
        .prepare(`SELECT username, password_hash FROM admin_accounts ORDER BY username`)
        .all() as Snapshot['adminAccounts'],
      settings: this.db.prepare(`SELECT key, value FROM settings ORDER BY key`).all() as Snapshot['settings'],
    }))();
    mkdirSync(this.directory, { recursive: true });
    const files = this.snapshotFiles();
    const last = files.at(-1);
    const sequence = last ? Number(SNAPSHOT_FILE.exec(last)?.[1] ?? 0) + 1 : 1;
    const backupId = `snapshot-${String(sequence).padStart(6, '0')}`;
    // Write then rename, so a crash never leaves a half-written "latest" snapshot.
    const temporary = join(this.directory, `${backupId}.json.tmp`);
    writeFileSync(temporary, JSON.stringify(snapshot));
    renameSync(temporary, join(this.directory, `${backupId}.json`));
    for (const old of [...files, `${backupId}.json`].slice(0, -KEPT_SNAPSHOTS)) {
      rmSync(join(this.directory, old), { force: true });
    }
    return { backupId, takenAt: snapshot.takenAt };
  }

  /** Restores the latest snapshot and logs every admin out. */
  restoreLatest(): BackupInfo {
    const latest = this.snapshotFiles().at(-1);
    if (!latest) throw new NoBackupError('no backup snapshot has been taken');
    const snapshot = SnapshotSchema.parse(JSON.parse(readFileSync(join(this.directory, latest), 'utf8')));
    this.db.transaction(() => {
      this.db.prepare(`DELETE FROM pages`).run();
      const insertPage = this.db.prepare(`INSERT INTO pages (slug, replacement_html) VALUES (?, ?)`);
      for (const page of snapshot.pages) insertPage.run(page.slug, page.replacement_html);
      this.db.prepare(`DELETE FROM admin_accounts`).run();
      const insertAccount = this.db.prepare(`INSERT INTO admin_accounts (username, password_hash) VALUES (?, ?)`);
      for (const account of snapshot.adminAccounts) insertAccount.run(account.username, account.password_hash);
      this.db.prepare(`DELETE FROM settings`).run();
      const insertSetting = this.db.prepare(`INSERT INTO settings (key, value) VALUES (?, ?)`);
      for (const setting of snapshot.settings) insertSetting.run(setting.key, setting.value);
    })();
    this.accounts.invalidateSessions();
    return { backupId: latest.replace(/\.json$/, ''), takenAt: snapshot.takenAt };
  }

  private snapshotFiles(): string[] {
    let names: string[];
    try {
      names = readdirSync(this.directory);
    } catch {
      return [];
    }
    return names.filter((name) => SNAPSHOT_FILE.test(name)).sort();
  }
}
