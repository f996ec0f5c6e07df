import { tickerTone } from './ticker-tone';

describe('ticker tone', () => {
  it('tells bad news from good news', () => {
    expect(['attack-succeeded', 'leak', 'shop-down', 'shop-defaced', 'shop-error'].map(tickerTone)).toEqual(
      Array(5).fill('bad'),
    );
    expect(['attack-blocked', 'notice', 'shop-ok'].map(tickerTone)).toEqual(Array(3).fill('good'));
    expect(['attack-error', 'something-new'].map(tickerTone)).toEqual(['neutral', 'neutral']);
  });
});
