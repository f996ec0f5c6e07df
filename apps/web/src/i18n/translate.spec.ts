import type { Dictionaries } from './translate';
import { DICTIONARIES, initialLocale, interpolate, searchWithLocale, translate } from './translate';
import { en, ja } from './messages';

describe('translate', () => {
  it('looks the key up in the current language and fills the placeholders', () => {
    expect(translate(DICTIONARIES, 'ja', 'freeze.title', { time: '16:00' })).toBe('順位表は凍結中（16:00 時点）');
    expect(translate(DICTIONARIES, 'en', 'freeze.title', { time: '16:00' })).toBe('The board is frozen at 16:00');
  });

  it('falls back to Japanese, then to the key itself', () => {
    const partial: Dictionaries = { ja: { 'games.title': 'ゲーム一覧' }, en: {} };
    expect(translate(partial, 'en', 'games.title')).toBe('ゲーム一覧');
    expect(translate(partial, 'en', 'ticker.title')).toBe('ticker.title');
  });

  it('leaves a placeholder without a value as written', () => {
    expect(interpolate('{a} and {b}', { a: 1 })).toBe('1 and {b}');
    expect(interpolate('no vars {x}')).toBe('no vars {x}');
    expect(interpolate('{count} teams', { count: 0 })).toBe('0 teams');
  });

  it('has every key in both languages, with the same placeholders and no empty string', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    expect(Object.keys(en).sort()).toEqual(Object.keys(ja).sort());
    for (const key of Object.keys(ja) as (keyof typeof ja)[]) {
      expect(ja[key].trim()).not.toBe('');
      expect(en[key].trim()).not.toBe('');
      expect({ key, placeholders: placeholders(en[key]) }).toEqual({ key, placeholders: placeholders(ja[key]) });
    }
  });
});

describe('the language to start with', () => {
  it('is ?lang= first, then the stored choice, then Japanese', () => {
    expect(initialLocale('?lang=en', 'ja')).toBe('en');
    expect(initialLocale('?x=1&lang=ja', 'en')).toBe('ja');
    expect(initialLocale('', 'en')).toBe('en');
    expect(initialLocale('', null)).toBe('ja');
    expect(initialLocale('?lang=fr', 'de')).toBe('ja');
  });

  it('is written into the address when switched, keeping the other parameters', () => {
    expect(searchWithLocale('', 'en')).toBe('?lang=en');
    expect(searchWithLocale('?lang=en&seat=3', 'ja')).toBe('?lang=ja&seat=3');
  });
});
