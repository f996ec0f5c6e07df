import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import type { ShopDatabase } from './database';

/**
 * Admin accounts and their sessions. Passwords are stored as scrypt hashes; the async scrypt runs on
 * libuv's thread pool so a burst of login attempts cannot freeze the shop's event loop.
 */

export const ADMIN_USERNAME = 'admin';
/** What `default-admin-password` leaves in place: the credentials every attacker tries first. */
export const DEFAULT_ADMIN_PASSWORD = 'admin';

const KEY_LENGTH = 32;
const SESSION_LIFETIME_MS = 12 * 60 * 60 * 1000;
/** Only successful logins create sessions, but a cap keeps a leaked password from growing memory. */
const MAX_SESSIONS = 1000;

function deriveKey(password: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password, salt, KEY_LENGTH, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await deriveKey(password, salt);
  return `scrypt$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, storedHash: string): Promise<boolean> {
  const [scheme, saltText, keyText] = storedHash.split('$');
  if (scheme !== 'scrypt' || !saltText || !keyText) return false;
  const expected = Buffer.from(keyText, 'base64');
  const actual = await deriveKey(password, Buffer.from(saltText, 'base64'));
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** A password nobody knows: what a shop without `default-admin-password` starts with. */
export function randomAdminPassword(): string {
  return randomBytes(24).toString('base64url');
}

export interface AdminAccountRow {
  username: string;
  password_hash: string;
}

export class AdminAccounts {
  private readonly sessions = new Map<string, { username: string; expiresAtMs: number }>();
  /** Hash checked for unknown usernames so that a miss costs as long as a wrong password. */
  private readonly decoyHash = hashPassword(randomAdminPassword());

  constructor(private readonly db: ShopDatabase) {}

  /** Returns a new session token, or null when the credentials are wrong. */
  async login(username: string, password: string): Promise<string | null> {
    const row = this.db
      .prepare(`SELECT username, password_hash FROM admin_accounts WHERE username = ?`)
      .get(username) as AdminAccountRow | undefined;
    const matches = await verifyPassword(password, row?.password_hash ?? (await this.decoyHash));
    if (!row || !matches) return null;
    return this.openSession(row.username);
  }

  /** The username behind a session token, or null when it is unknown or expired. */
  sessionUser(token: string | undefined): string | null {
    if (!token) return null;
    const session = this.sessions.get(token);
    if (!session) return null;
    if (session.expiresAtMs <= Date.now()) {
      this.sessions.delete(token);
      return null;
    }
    return session.username;
  }

  async setPassword(username: string, password: string): Promise<void> {
    const passwordHash = await hashPassword(password);
    this.db
      .prepare(`INSERT OR REPLACE INTO admin_accounts (username, password_hash) VALUES (?, ?)`)
      .run(username, passwordHash);
    // A changed password must lock out whoever logged in with the old one.
    this.invalidateSessions();
  }

  invalidateSessions(): void {
    this.sessions.clear();
  }

  private openSession(username: string): string {
    if (this.sessions.size >= MAX_SESSIONS) {
      const oldest = this.sessions.keys().next().value;
      if (oldest !== undefined) this.sessions.delete(oldest);
    }
    const token = randomBytes(32).toString('base64url');
    this.sessions.set(token, { username, expiresAtMs: Date.now() + SESSION_LIFETIME_MS });
    return token;
  }
}
