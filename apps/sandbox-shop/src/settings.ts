import { z } from 'zod';
import type { ShopVulnerabilityId } from './config';
import type { ShopDatabase } from './database';

/**
 * The switches a team flips from its ops console to fix a vulnerability. Each one only matters
 * when the scenario placed the matching vulnerability (see `vulnerabilities.ts`).
 */
export const ShopSettingsSchema = z.strictObject({
  searchSafeQueries: z.boolean(),
  priceApiRequireAuth: z.boolean(),
  backupExposed: z.boolean(),
});
export type ShopSettings = z.infer<typeof ShopSettingsSchema>;

export const ShopSettingsPatchSchema = ShopSettingsSchema.partial();
export type ShopSettingsPatch = z.infer<typeof ShopSettingsPatchSchema>;

const SETTING_KEYS = Object.keys(ShopSettingsSchema.shape) as (keyof ShopSettings)[];

/** A fresh shop is vulnerable exactly where the scenario says, safe everywhere else. */
export function initialSettings(vulnerabilities: readonly ShopVulnerabilityId[]): ShopSettings {
  return {
    searchSafeQueries: !vulnerabilities.includes('sqli-search'),
    priceApiRequireAuth: !vulnerabilities.includes('price-api-unauth'),
    backupExposed: vulnerabilities.includes('exposed-backup'),
  };
}

/** Settings live in the database so that a restart keeps them and a backup can restore them. */
export class SettingsStore {
  constructor(
    private readonly db: ShopDatabase,
    private readonly defaults: ShopSettings,
  ) {}

  read(): ShopSettings {
    const rows = this.db.prepare(`SELECT key, value FROM settings`).all() as { key: string; value: number }[];
    const stored = new Map(rows.map((row) => [row.key, row.value !== 0]));
    const settings = { ...this.defaults };
    for (const key of SETTING_KEYS) {
      const value = stored.get(key);
      if (value !== undefined) settings[key] = value;
    }
    return settings;
  }

  update(patch: ShopSettingsPatch): ShopSettings {
    const write = this.db.prepare(`INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)`);
    this.db.transaction(() => {
      for (const key of SETTING_KEYS) {
        const value = patch[key];
        if (value !== undefined) write.run(key, value ? 1 : 0);
      }
    })();
    return this.read();
  }
}
