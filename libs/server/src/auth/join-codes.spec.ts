import { generateJoinCode, hashJoinCode, JOIN_CODE_ALPHABET, normaliseJoinCode } from './join-codes';

describe('join codes', () => {
  it('look like XXXX-XXXX-XXXX from the unambiguous alphabet', () => {
    const codes = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const { joinCode } = generateJoinCode();
      expect(joinCode).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
      for (const char of joinCode.replace(/-/g, '')) expect(JOIN_CODE_ALPHABET).toContain(char);
      codes.add(joinCode);
    }
    expect(codes.size).toBe(200);
    expect(JOIN_CODE_ALPHABET).not.toMatch(/[01OIL]/);
  });

  it('are stored as the SHA-256 of the canonical form, whatever the case and dashes typed', () => {
    const { joinCode, joinCodeHash } = generateJoinCode();
    expect(joinCodeHash).toMatch(/^[0-9a-f]{64}$/);
    expect(joinCodeHash).not.toContain(joinCode.replace(/-/g, '').toLowerCase());
    for (const typed of [
      joinCode,
      joinCode.toLowerCase(),
      joinCode.replace(/-/g, ''),
      ` ${joinCode.replace(/-/g, ' - ')} `,
    ]) {
      const canonical = normaliseJoinCode(typed);
      expect(canonical).not.toBeNull();
      expect(hashJoinCode(canonical ?? '')).toBe(joinCodeHash);
    }
  });

  it('refuse what cannot be a code', () => {
    expect(normaliseJoinCode('ABCD-EFGH')).toBeNull();
    expect(normaliseJoinCode('ABCD-EFGH-JKMN-P')).toBeNull();
    expect(normaliseJoinCode('ABCD-EFGH-JKM0')).toBeNull();
    expect(normaliseJoinCode('')).toBeNull();
  });
});
