import {
  Injectable,
  Logger,
  type CanActivate,
  type ExecutionContext,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { ModuleRef, Reflector } from '@nestjs/core';
import { AppError } from '../errors/app-error';
import { ALLOWED_ROLES, PUBLIC_ROUTE, type AuthenticatedRequest } from './auth.decorators';
import { AuthService } from './auth.service';
import { MEMBER_ACCESS, type MemberAccess } from './member-access';
import type { Role } from './principal';

interface RequestWithHeaders extends AuthenticatedRequest {
  headers: Record<string, string | string[] | undefined>;
}

/**
 * Global guard (APP_GUARD): every HTTP route needs a valid bearer access token unless it is
 * @Public(); @Roles() narrows who may call it; members are also checked by MEMBER_ACCESS when a
 * feature provides it. Socket.IO gateways authenticate their handshakes themselves
 * (AuthService.verifyAccessToken), so non-HTTP contexts pass through.
 */
@Injectable()
export class AuthGuard implements CanActivate, OnApplicationBootstrap {
  private readonly logger = new Logger('auth');
  private memberAccess?: MemberAccess;

  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
    private readonly moduleRef: ModuleRef,
  ) {}

  /**
   * MEMBER_ACCESS is optional and may live in any feature module: it is looked up across modules
   * once everything is built, rather than injected (which would need a global module).
   */
  onApplicationBootstrap(): void {
    try {
      this.memberAccess = this.moduleRef.get<MemberAccess>(MEMBER_ACCESS, { strict: false });
    } catch {
      this.logger.log('no MEMBER_ACCESS provider: member tokens are checked for role only');
    }
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;

    const request = context.switchToHttp().getRequest<RequestWithHeaders>();
    const token = bearerToken(request.headers.authorization);
    if (token === undefined) {
      throw new AppError(401, 'UNAUTHENTICATED', 'Sign in first: send "Authorization: Bearer <access token>".');
    }
    const principal = this.auth.verifyAccessToken(token);
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ALLOWED_ROLES, targets);
    if (roles && !roles.includes(principal.role)) {
      throw new AppError(403, 'FORBIDDEN', `Only ${roles.join(' or ')} accounts may do this.`);
    }
    if (principal.role === 'member') await this.memberAccess?.assertActive(principal);
    request.principal = principal;
    return true;
  }
}

function bearerToken(header: string | string[] | undefined): string | undefined {
  if (typeof header !== 'string') return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}
