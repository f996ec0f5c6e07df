import { IDEMPOTENCY_HEADER, IdempotencyKeySchema } from '@mamoru/contracts';
import { applyDecorators, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { AppError } from '../errors/app-error';

type Header = string | string[] | undefined;

/**
 * The client's `Idempotency-Key`: a retried request with the same key acts once. Team actions
 * must send one (400 IDEMPOTENCY_KEY_REQUIRED); organiser actions may.
 */
export function parseIdempotencyKey(header: Header): string {
  const parsed = IdempotencyKeySchema.safeParse(header);
  if (!parsed.success)
    throw new AppError(
      400,
      'IDEMPOTENCY_KEY_REQUIRED',
      'Send an Idempotency-Key header (1 to 200 visible ASCII characters), new for each action and the same when retrying it.',
    );
  return parsed.data;
}

export function parseOptionalIdempotencyKey(header: Header): string | undefined {
  return header === undefined ? undefined : parseIdempotencyKey(header);
}

const headerOf = (context: ExecutionContext): Header =>
  context.switchToHttp().getRequest<{ headers: Record<string, Header> }>().headers[IDEMPOTENCY_HEADER];

const requiredKey = createParamDecorator((_data: unknown, context: ExecutionContext) =>
  parseIdempotencyKey(headerOf(context)),
);
const optionalKey = createParamDecorator((_data: unknown, context: ExecutionContext) =>
  parseOptionalIdempotencyKey(headerOf(context)),
);

/** The required key of a team action, documented as a required header. */
export const IdempotencyKey = (): ParameterDecorator => requiredKey();

/** Documents the required header on a route (method decorator). */
export const ApiIdempotencyKey = (required = true): MethodDecorator & ClassDecorator =>
  applyDecorators(
    ApiHeader({
      name: 'Idempotency-Key',
      required,
      description: required
        ? 'New for each action, the same when retrying it: a retried action acts once and answers { applied: false, seq }.'
        : 'Optional: with it, a retried request acts once and answers { applied: false, seq }.',
    }),
  );

/** The optional key of an organiser action. */
export const OptionalIdempotencyKey = (): ParameterDecorator => optionalKey();
