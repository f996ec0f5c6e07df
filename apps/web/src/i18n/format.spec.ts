import {
  formatGameTime as domainGameTime,
  formatStoryTime as domainStoryTime,
  formatYen as domainYen,
} from '@mamoru/domain';
import {
  clockParts,
  formatCompactYen,
  formatDuration,
  formatGameTime,
  formatPercent,
  formatScore,
  formatStoryTime,
  formatYen,
  pickText,
} from './format';

describe('formatting', () => {
  it('writes yen with thousands separators, as the domain does', () => {
    for (const amount of [0, 7, 999, 1000, 1234567, -500, -1234567.6, 12.5, 5_000_000_000]) {
      expect(formatYen(amount)).toBe(domainYen(amount));
    }
    expect(formatYen(1234567)).toBe('¥1,234,567');
    expect(formatYen(-500)).toBe('−¥500');
  });

  it('writes game and story time as the domain does', () => {
    for (const minutes of [0, 1, 59, 60, 61.9, 479, 480, 1439, -3]) {
      expect(formatGameTime(minutes)).toBe(domainGameTime(minutes));
      expect(formatStoryTime(minutes, 540)).toBe(domainStoryTime(minutes, 540));
      expect(formatStoryTime(minutes, undefined)).toBe(domainStoryTime(minutes, undefined));
    }
    expect(formatStoryTime(65, 540)).toBe('10:05');
    expect(formatStoryTime(65, undefined)).toBe('01:05');
  });

  it('splits the running clock into HH:MM and seconds', () => {
    expect(clockParts(0, 540)).toEqual({ hhmm: '09:00', ss: '00' });
    expect(clockParts(61_999, 540)).toEqual({ hhmm: '09:01', ss: '01' });
    expect(clockParts(8 * 3_600_000, undefined)).toEqual({ hhmm: '08:00', ss: '00' });
  });

  it('writes remaining time as H:MM:SS, never negative', () => {
    expect(formatDuration(8 * 3_600_000)).toBe('8:00:00');
    expect(formatDuration(61_500)).toBe('0:01:01');
    expect(formatDuration(-5)).toBe('0:00:00');
  });

  it('writes trust as a percentage with one decimal and scores with "—" for nothing judged', () => {
    expect(formatPercent(1)).toBe('100.0%');
    expect(formatPercent(0.982)).toBe('98.2%');
    expect(formatPercent(0)).toBe('0.0%');
    expect(formatScore(87.25)).toBe('87.3');
    expect(formatScore(null)).toBe('—');
  });

  it('shortens chart amounts the way each language reads them', () => {
    expect(formatCompactYen(0, 'ja')).toBe('¥0');
    expect(formatCompactYen(120_000, 'ja')).toBe('¥12万');
    expect(formatCompactYen(12_345_678, 'ja')).toBe('¥1,234.6万');
    expect(formatCompactYen(150_000_000, 'ja')).toBe('¥1.5億');
    expect(formatCompactYen(1_200_000, 'en')).toBe('¥1.2M');
    expect(formatCompactYen(500, 'en')).toBe('¥500');
    expect(formatCompactYen(25_000, 'en')).toBe('¥25k');
  });

  it('picks the scenario text of the current language', () => {
    const text = { ja: 'ショップ', en: 'Shop' };
    expect(pickText(text, 'ja')).toBe('ショップ');
    expect(pickText(text, 'en')).toBe('Shop');
    expect(pickText({ ja: 'だけ', en: '' }, 'en')).toBe('だけ');
    expect(pickText(null, 'en')).toBe('');
  });
});
