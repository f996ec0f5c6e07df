import { generatePassword, GENERATED_PASSWORD_CHARS, PasswordHasher } from './passwords';

describe('PasswordHasher', () => {
  const hasher = new PasswordHasher();

  it('hashes with argon2id and verifies', async () => {
    const hash = await hasher.hash('correct horse battery');
    expect(hash).toMatch(/^\$argon2id\$/);
    expect(await hasher.verify(hash, 'correct horse battery')).toBe(true);
    expect(await hasher.verify(hash, 'Correct horse battery')).toBe(false);
  });

  it('answers false without a hash, after a verification against a dummy', async () => {
    const started = Date.now();
    expect(await hasher.verify(null, 'anything')).toBe(false);
    expect(await hasher.verify('not a hash', 'anything')).toBe(false);
    expect(Date.now() - started).toBeGreaterThan(10);
  });

  it('generates readable passwords', () => {
    const password = generatePassword();
    expect(password).toHaveLength(GENERATED_PASSWORD_CHARS);
    expect(password).toMatch(/^[a-zA-Z2-9]+$/);
    expect(password).not.toMatch(/[01lIO]/);
  });
});
