/**
 * Logins: 1-100 characters of [a-z0-9._-], starting with a letter or digit; case-insensitive (stored
 * lower-case). Long enough for generated member logins such as `<game id>.<team id>.<n>`.
 */
export const LOGIN_PATTERN = /^[a-z0-9][a-z0-9._-]{0,99}$/;

export const ADMIN_LOGIN = 'admin';

/** The stored form of a login as typed: trimmed, lower-case. */
export function normaliseLogin(login: string): string {
  return login.trim().toLowerCase();
}
