import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadShopConfig, parseShopConfig, ShopConfigError } from './config';
import { testShopConfig } from './testing/test-shop';

describe('shop config', () => {
  it('accepts the platform config', () => {
    expect(parseShopConfig(testShopConfig())).toEqual(testShopConfig());
  });

  it.each([
    ['an unknown vulnerability', { vulnerabilities: ['eval-backdoor'] }, 'vulnerabilities.0'],
    ['a repeated vulnerability', { vulnerabilities: ['sqli-search', 'sqli-search'] }, 'vulnerabilities'],
    ['a short ops token', { opsToken: 'secret' }, 'opsToken'],
    ['an integrity token that would need escaping', { integrityToken: 'abc"><script>' }, 'integrityToken'],
    ['a bad port', { port: 70000 }, 'port'],
    ['repeated product ids', { products: [testShopConfig().products[0], testShopConfig().products[0]] }, 'products'],
    ['an unknown key', { dataDir: '/etc' }, '(root)'],
  ])('refuses %s, naming the field', (_, overrides, field) => {
    const config = { ...testShopConfig(), ...overrides };
    expect(() => parseShopConfig(config)).toThrow(ShopConfigError);
    expect(() => parseShopConfig(config)).toThrow(field);
  });

  it('loads the file and takes its folder as the data directory', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mamoru-shop-config-'));
    try {
      const file = join(dir, 'config.json');
      writeFileSync(file, JSON.stringify(testShopConfig()));
      expect(loadShopConfig(file)).toEqual({ ...testShopConfig(), dataDir: dir });
      writeFileSync(file, '{ not json');
      expect(() => loadShopConfig(file)).toThrow('not valid JSON');
      expect(() => loadShopConfig(join(dir, 'missing.json'))).toThrow('cannot read');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
