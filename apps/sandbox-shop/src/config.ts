import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';

/**
 * The shop's one validated config object. The platform writes `<dataDir>/config.json` and starts
 * the shop with `--config <that file>`; the data directory is the folder holding the config, and
 * it is the only place the shop ever reads or writes.
 *
 * Every object is strict: a typo in a vulnerability or a key must stop the shop loudly rather than
 * silently start a shop that is safer (or more vulnerable) than the scenario says.
 */

/** The deliberately placed vulnerabilities this shop knows how to open (game-model §7). */
export const SHOP_VULNERABILITY_IDS = [
  'default-admin-password',
  'sqli-search',
  'price-api-unauth',
  'exposed-backup',
] as const;
export type ShopVulnerabilityId = (typeof SHOP_VULNERABILITY_IDS)[number];

const productId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be lower-case letters, digits and "-" (at most 63)');
const yen = z.number().int().nonnegative().max(1_000_000_000);

/** Tokens end up verbatim in HTML attributes and headers, so only characters that need no escaping. */
const token = (minLength: number) =>
  z
    .string()
    .min(minLength)
    .max(256)
    .regex(/^[A-Za-z0-9._~+/=-]+$/, 'must be letters, digits or ._~+/=-');

export const ShopProductConfigSchema = z.strictObject({
  id: productId,
  name: z.strictObject({ ja: z.string().min(1).max(200), en: z.string().min(1).max(200) }),
  priceYen: yen,
  stock: z.number().int().nonnegative().max(1_000_000_000),
});
export type ShopProductConfig = z.infer<typeof ShopProductConfigSchema>;

export const ShopConfigSchema = z.strictObject({
  teamId: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be lower-case letters, digits and "-" (at most 63)'),
  teamName: z.string().min(1).max(200),
  port: z.number().int().min(0).max(65_535),
  host: z.string().min(1).max(255),
  /** Bearer token of the ops API; long enough that it cannot be guessed over HTTP. */
  opsToken: token(16),
  /** Printed in every page's integrity meta tag; the crawler treats its absence as a defacement. */
  integrityToken: token(8),
  vulnerabilities: z
    .array(z.enum(SHOP_VULNERABILITY_IDS))
    .refine((ids) => new Set(ids).size === ids.length, 'must not repeat a vulnerability'),
  products: z
    .array(ShopProductConfigSchema)
    .max(1000)
    .refine((products) => new Set(products.map((p) => p.id)).size === products.length, 'product ids must be unique'),
  /** How many fake customer records a fresh shop holds (what a leak leaks). */
  customers: z.number().int().min(0).max(100_000),
  /** Seeds the fake customer records so that every team's shop holds the same people. */
  seed: z.number().int(),
});
export type ShopConfig = z.infer<typeof ShopConfigSchema>;

/** What `startShop` needs: the config plus the data directory it lives in. */
export type ShopStartConfig = ShopConfig & { dataDir: string };

export class ShopConfigError extends Error {
  override readonly name = 'ShopConfigError';
}

/** Parses an already-read config value; throws `ShopConfigError` naming every bad field. */
export function parseShopConfig(value: unknown): ShopConfig {
  const result = ShopConfigSchema.safeParse(value);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const where = issue.path.length > 0 ? issue.path.join('.') : '(root)';
      return `  ${where}: ${issue.message}`;
    });
    throw new ShopConfigError(`invalid shop config:\n${problems.join('\n')}`);
  }
  return result.data;
}

/** Reads and validates `<dataDir>/config.json`; the data directory is the file's folder. */
export function loadShopConfig(configPath: string): ShopStartConfig {
  const absolutePath = resolve(configPath);
  let text: string;
  try {
    text = readFileSync(absolutePath, 'utf8');
  } catch (error) {
    throw new ShopConfigError(`cannot read shop config ${absolutePath}: ${(error as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ShopConfigError(`shop config ${absolutePath} is not valid JSON: ${(error as Error).message}`);
  }
  return { ...parseShopConfig(value), dataDir: dirname(absolutePath) };
}
