import { ADMIN_USERNAME, DEFAULT_ADMIN_PASSWORD, hashPassword, randomAdminPassword } from './admin-accounts';
import type { Catalog } from './catalog';
import type { ShopConfig } from './config';
import { markShopInitialised, type ShopDatabase } from './database';
import type { Pages } from './pages';
import { initialSettings, type SettingsStore } from './settings';

/**
 * What a fresh shop holds on its first start: the products, fake customer records (what a leak
 * leaks), the admin account, the settings and the pages. Customers are drawn from the config's
 * seed so every team's shop holds the same people; all of it is fictional (example.jp addresses,
 * card numbers that are only the right shape).
 */

const FAMILY_NAMES: readonly [kanji: string, romaji: string][] = [
  ['佐藤', 'sato'],
  ['鈴木', 'suzuki'],
  ['高橋', 'takahashi'],
  ['田中', 'tanaka'],
  ['伊藤', 'ito'],
  ['渡辺', 'watanabe'],
  ['山本', 'yamamoto'],
  ['中村', 'nakamura'],
  ['小林', 'kobayashi'],
  ['加藤', 'kato'],
  ['吉田', 'yoshida'],
  ['山田', 'yamada'],
  ['佐々木', 'sasaki'],
  ['山口', 'yamaguchi'],
  ['松本', 'matsumoto'],
  ['井上', 'inoue'],
  ['木村', 'kimura'],
  ['林', 'hayashi'],
  ['清水', 'shimizu'],
  ['森', 'mori'],
];

const GIVEN_NAMES: readonly [kanji: string, romaji: string][] = [
  ['翔太', 'shota'],
  ['陽菜', 'hina'],
  ['蓮', 'ren'],
  ['結衣', 'yui'],
  ['大翔', 'hiroto'],
  ['美咲', 'misaki'],
  ['悠真', 'yuma'],
  ['さくら', 'sakura'],
  ['健太', 'kenta'],
  ['葵', 'aoi'],
  ['拓海', 'takumi'],
  ['彩花', 'ayaka'],
  ['直樹', 'naoki'],
  ['由美', 'yumi'],
  ['誠', 'makoto'],
  ['恵子', 'keiko'],
];

export interface FakeCustomer {
  name: string;
  email: string;
  cardNumber: string;
}

/** mulberry32: tiny and stable; the records only need to be the same for every team. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function fakeCustomers(count: number, seed: number): FakeCustomer[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const digits = (n: number) => Array.from({ length: n }, () => Math.floor(random() * 10)).join('');
  return Array.from({ length: count }, (_, index) => {
    const [familyKanji, familyRomaji] = pick(FAMILY_NAMES);
    const [givenKanji, givenRomaji] = pick(GIVEN_NAMES);
    return {
      name: `${familyKanji} ${givenKanji}`,
      email: `${givenRomaji}.${familyRomaji}${index + 1}@example.jp`,
      cardNumber: `4${digits(3)}-${digits(4)}-${digits(4)}-${digits(4)}`,
    };
  });
}

export interface ShopStores {
  db: ShopDatabase;
  catalog: Catalog;
  pages: Pages;
  settings: SettingsStore;
}

/** Fills an empty database; one transaction, so a crash mid-way leaves a shop that seeds again. */
export async function seedShop(stores: ShopStores, config: ShopConfig, now: Date): Promise<void> {
  const adminPassword = config.vulnerabilities.includes('default-admin-password')
    ? DEFAULT_ADMIN_PASSWORD
    : randomAdminPassword();
  const adminPasswordHash = await hashPassword(adminPassword);
  const { db } = stores;
  db.transaction(() => {
    stores.catalog.addMissingProducts(config.products);
    const insertCustomer = db.prepare(`INSERT INTO customers (name, email, card_number) VALUES (?, ?, ?)`);
    for (const customer of fakeCustomers(config.customers, config.seed)) {
      insertCustomer.run(customer.name, customer.email, customer.cardNumber);
    }
    db.prepare(`INSERT OR REPLACE INTO admin_accounts (username, password_hash) VALUES (?, ?)`).run(
      ADMIN_USERNAME,
      adminPasswordHash,
    );
    stores.settings.update(initialSettings(config.vulnerabilities));
    stores.pages.addDefaultPages();
    markShopInitialised(db, now);
  })();
}
