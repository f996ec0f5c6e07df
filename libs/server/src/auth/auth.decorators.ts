import { createParamDecorator, SetMetadata, applyDecorators, type ExecutionContext } from '@nestjs/common';
import { ApiForbiddenResponse, ApiSecurity } from '@nestjs/swagger';
import { AppError } from '../errors/app-error';
import type { Principal, Role } from './principal';

export const PUBLIC_ROUTE = 'mamoru:public-route';
export const ALLOWED_ROLES = 'mamoru:allowed-roles';

/** The request as the auth guard leaves it. */
export interface AuthenticatedRequest {
  principal?: Principal;
}

/**
 * No token needed (login, health, metrics, the audience's public pages). In the OpenAPI document
 * the route's security is `[{}]`: anonymous allowed, overriding the global bearer requirement.
 */
export const Public = (): ClassDecorator & MethodDecorator =>
  applyDecorators(SetMetadata(PUBLIC_ROUTE, true), ApiSecurity({}));

/** Only these roles may call the route (403 FORBIDDEN otherwise); without it any signed-in role may. */
export const Roles = (...roles: [Role, ...Role[]]): ClassDecorator & MethodDecorator =>
  applyDecorators(
    SetMetadata(ALLOWED_ROLES, roles),
    ApiForbiddenResponse({ description: `only for ${roles.join(', ')}` }),
  );

/** The signed-in principal of a route that is not @Public(). */
export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  // Only reachable on a @Public() route, where there is no principal: a programming error.
  if (!principal) throw new AppError(401, 'UNAUTHENTICATED', 'Sign in first: this route needs an access token.');
  return principal;
});
