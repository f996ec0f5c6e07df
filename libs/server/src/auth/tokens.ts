import type { Account } from '@mamoru/event-store';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { z } from 'zod';
import { SERVER_CONFIG, type ServerConfig } from '../config/server-config';
import { AppError } from '../errors/app-error';
import type { Principal } from './principal';

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
}

export const TOKEN_ISSUER = 'mamoru-game-server';

// Short claim names keep tokens small; `typ` keeps a refresh token from being used as an access token.
const AccessClaims = z.object({
  typ: z.literal('access'),
  sub: z.string().min(1),
  role: z.enum(['organiser', 'grader', 'member']),
  login: z.string().min(1),
  gid: z.string().optional(),
  tid: z.string().optional(),
  mid: z.string().optional(),
});

const RefreshClaims = z.object({
  typ: z.literal('refresh'),
  sub: z.string().min(1),
  tv: z.number().int().min(0),
});

/** Signs and checks the server's JWTs (HS256, MAMORU_JWT_SECRET). */
@Injectable()
export class TokenService {
  constructor(
    private readonly jwt: JwtService,
    @Inject(SERVER_CONFIG) private readonly config: ServerConfig,
  ) {}

  /** A short-lived access token with the principal, and a refresh token bound to the account's token version. */
  issue(account: Account): TokenPair {
    const principal = principalOf(account);
    const accessToken = this.jwt.sign(
      {
        typ: 'access',
        role: principal.role,
        login: principal.login,
        gid: principal.gameId,
        tid: principal.teamId,
        mid: principal.memberId,
      },
      { subject: account.id, expiresIn: this.config.accessTokenTtlSeconds },
    );
    const refreshToken = this.jwt.sign(
      { typ: 'refresh', tv: account.tokenVersion },
      { subject: account.id, expiresIn: this.config.refreshTokenTtlSeconds },
    );
    return { accessToken, refreshToken, expiresIn: this.config.accessTokenTtlSeconds };
  }

  /** The principal of a valid access token; AppError 401 otherwise. */
  verifyAccess(token: string): Principal {
    const claims = AccessClaims.safeParse(this.verify(token));
    if (!claims.success) throw invalidToken();
    const { sub, role, login, gid, tid, mid } = claims.data;
    return withoutUndefined({ accountId: sub, role, login, gameId: gid, teamId: tid, memberId: mid });
  }

  /** The account and token version of a valid refresh token; AppError 401 otherwise. */
  verifyRefresh(token: string): { accountId: string; tokenVersion: number } {
    const claims = RefreshClaims.safeParse(this.verify(token));
    if (!claims.success) throw invalidToken();
    return { accountId: claims.data.sub, tokenVersion: claims.data.tv };
  }

  private verify(token: string): unknown {
    try {
      return this.jwt.verify<object>(token);
    } catch (error) {
      if (error instanceof Error && error.name === 'TokenExpiredError') {
        throw new AppError(401, 'UNAUTHENTICATED', 'The token has expired: refresh it or sign in again.');
      }
      throw invalidToken();
    }
  }
}

/** The principal an account signs in as. */
export function principalOf(account: Account): Principal {
  return withoutUndefined({
    accountId: account.id,
    role: account.role,
    login: account.login,
    gameId: account.gameId ?? undefined,
    teamId: account.teamId ?? undefined,
    memberId: account.memberId ?? undefined,
  });
}

function invalidToken(): AppError {
  return new AppError(401, 'UNAUTHENTICATED', 'The token is not valid: sign in again.');
}

/** Optional ids are left out rather than sent as undefined/null, in tokens and in responses. */
function withoutUndefined(principal: Principal): Principal {
  return Object.fromEntries(Object.entries(principal).filter(([, value]) => value !== undefined)) as Principal;
}
