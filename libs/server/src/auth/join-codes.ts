import { createHash } from 'node:crypto';
import { randomText } from './random-text';

/** Upper-case letters and digits without look-alikes (0/O, 1/I/L, U/V), so codes survive being typed. */
export const JOIN_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTWXYZ23456789';
const JOIN_CODE_CHARS = 12;
const GROUP_CHARS = 4;

/** A new one-time join code, shown as `XXXX-XXXX-XXXX` (about 58 bits), and the hash to store. */
export function generateJoinCode(): { joinCode: string; joinCodeHash: string } {
  const canonical = randomText(JOIN_CODE_ALPHABET, JOIN_CODE_CHARS);
  const groups = canonical.match(new RegExp(`.{${GROUP_CHARS}}`, 'g')) ?? [canonical];
  return { joinCode: groups.join('-'), joinCodeHash: hashJoinCode(canonical) };
}

/**
 * A code as typed → its canonical form (upper case, no dashes or spaces), or null when it cannot
 * be a join code at all.
 */
export function normaliseJoinCode(input: string): string | null {
  const code = input.replace(/[\s-]/g, '').toUpperCase();
  if (code.length !== JOIN_CODE_CHARS) return null;
  for (const char of code) if (!JOIN_CODE_ALPHABET.includes(char)) return null;
  return code;
}

/**
 * What the database keeps of a code: its SHA-256. Codes are random and high-entropy, so a plain
 * hash suffices (no salt, no argon2), and it lets the server find the account by the code alone.
 */
export function hashJoinCode(canonical: string): string {
  return createHash('sha256').update(canonical).digest('hex');
}
