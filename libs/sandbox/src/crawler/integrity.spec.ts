import { hasIntegrityMarker } from './integrity';

describe('hasIntegrityMarker', () => {
  it.each([
    ['<meta name="mamoru-integrity" content="tok">', true],
    ["<META content='tok' NAME='Mamoru-Integrity' />", true],
    ['<meta content=tok name=mamoru-integrity>', true],
    ['<meta name="mamoru-integrity" content="other">', false],
    ['<meta name="description" content="tok">', false],
    ['<p>mamoru-integrity tok</p>', false],
    ['', false],
  ])('%s → %s', (html, expected) => {
    expect(hasIntegrityMarker(`<html><head>${html}</head></html>`, 'tok')).toBe(expected);
  });

  it('never accepts an empty token', () => {
    expect(hasIntegrityMarker('<meta name="mamoru-integrity" content="">', '')).toBe(false);
  });
});
