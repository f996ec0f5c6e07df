import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The version in the workspace's package.json (written into archives, shown by --version). */
export function mamoruVersion(): string {
  const manifest = readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8');
  return (JSON.parse(manifest) as { version: string }).version;
}
