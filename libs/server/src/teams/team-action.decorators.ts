import { applyDecorators, createParamDecorator, Post, Put, type ExecutionContext } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { Roles, type AuthenticatedRequest } from '../auth/auth.decorators';
import { AppError } from '../errors/app-error';
import { ApiIdempotencyKey, parseIdempotencyKey } from './idempotency-key';
import type { TeamActor } from './team-gate';
import { ActionResultDto } from './teams.dto';

/**
 * A team action route: members only, an Idempotency-Key required and documented, 201
 * `{ applied, seq }`. The route's path is under `api/games/:gameId/teams/:teamId`.
 */
export const TeamAction = (method: 'POST' | 'PUT', path: string, summary: string): MethodDecorator =>
  applyDecorators(
    Roles('member'),
    method === 'POST' ? Post(path) : Put(path),
    ApiOperation({ summary }),
    ApiIdempotencyKey(),
    ZodResponse({ status: 201, type: ActionResultDto }),
  );

interface ActionRequest extends AuthenticatedRequest {
  params: Record<string, string | undefined>;
  headers: Record<string, string | string[] | undefined>;
}

/** Who acts, for which game and team, under which key: from the route, the token and the header. */
export const Actor = createParamDecorator((_data: unknown, context: ExecutionContext): TeamActor => {
  const request = context.switchToHttp().getRequest<ActionRequest>();
  const { gameId, teamId } = request.params;
  if (!request.principal || gameId === undefined || teamId === undefined)
    throw new AppError(401, 'UNAUTHENTICATED', 'Sign in first: this route needs an access token.');
  return { gameId, teamId, principal: request.principal, key: parseIdempotencyKey(request.headers['idempotency-key']) };
});
