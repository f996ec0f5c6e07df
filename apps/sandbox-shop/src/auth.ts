import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { AdminAccounts } from './admin-accounts';
import { readCookie } from './request';

/** Who is asking: the platform or the team's ops console (bearer token), or a logged-in admin. */

export const ADMIN_SESSION_COOKIE = 'admin_session';

/**
 * Compares the bearer token in constant time. Both sides are hashed first so that neither the
 * comparison nor an early length mismatch tells an attacker how much of the token was right.
 */
export function hasOpsToken(req: IncomingMessage, opsToken: string): boolean {
  const header = req.headers.authorization ?? '';
  const match = /^Bearer (.+)$/i.exec(header.trim());
  if (!match?.[1]) return false;
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(match[1]), digest(opsToken));
}

export function adminSessionUser(req: IncomingMessage, accounts: AdminAccounts): string | null {
  return accounts.sessionUser(readCookie(req, ADMIN_SESSION_COOKIE));
}

export function adminSessionCookie(token: string): string {
  return `${ADMIN_SESSION_COOKIE}=${token}; HttpOnly; Path=/`;
}
