import { randomInt } from 'node:crypto';

/** `length` characters drawn uniformly from `alphabet` with the CSPRNG. */
export function randomText(alphabet: string, length: number): string {
  let text = '';
  for (let i = 0; i < length; i++) text += alphabet[randomInt(alphabet.length)];
  return text;
}
