import type { Principal } from './principal';

/**
 * Provided by the games feature (any module): the guard calls it on every request of a member, so
 * a member whose login a transfer disabled is refused at once, not when the token expires.
 */
export interface MemberAccess {
  /** Throws AppError(403, 'MEMBER_DISABLED', ...) when the member may not act any more. */
  assertActive(principal: Principal): Promise<void>;
}

export const MEMBER_ACCESS = Symbol('MEMBER_ACCESS');
