import { AppError } from '../errors/app-error';
import { parseIdempotencyKey, parseOptionalIdempotencyKey } from './idempotency-key';

const code = (parse: () => unknown): string => {
  try {
    parse();
    return 'ok';
  } catch (error) {
    return error instanceof AppError ? `${error.status} ${error.code}` : 'other';
  }
};

describe('Idempotency-Key', () => {
  it('takes 1 to 200 visible ASCII characters', () => {
    expect(parseIdempotencyKey('3f1c-retry:1')).toBe('3f1c-retry:1');
    expect(parseIdempotencyKey('x'.repeat(200))).toHaveLength(200);
  });

  it('is required for team actions, and refused when malformed', () => {
    for (const bad of [undefined, '', 'x'.repeat(201), 'with space', 'キー', ['a', 'b']])
      expect(code(() => parseIdempotencyKey(bad))).toBe('400 IDEMPOTENCY_KEY_REQUIRED');
  });

  it('may be left out of organiser actions, but not malformed', () => {
    expect(parseOptionalIdempotencyKey(undefined)).toBeUndefined();
    expect(parseOptionalIdempotencyKey('k1')).toBe('k1');
    expect(code(() => parseOptionalIdempotencyKey(''))).toBe('400 IDEMPOTENCY_KEY_REQUIRED');
  });
});
