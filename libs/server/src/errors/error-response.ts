import { RuleViolation, type RuleViolationCode } from '@mamoru/domain';
import { TeamActionError, type TeamActionErrorCode } from '@mamoru/engine';
import { HttpException } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import { ZodValidationException } from 'nestjs-zod';
import { AppError, codeForStatus, type ErrorBody, type FieldError } from './app-error';
import { bodyParserError } from './body-errors';

export interface ErrorResponse {
  status: number;
  body: ErrorBody;
  /** A server fault: log it with its stack (the client only sees the generic message). */
  unexpected: boolean;
}

const INTERNAL: ErrorBody = { message: 'Internal server error', code: 'INTERNAL' };

const DOMAIN_STATUS: Record<RuleViolationCode | TeamActionErrorCode, number> = {
  NOT_FOUND: 404,
  INVALID: 400,
  INSUFFICIENT_CASH: 409,
  CONFLICT: 409,
  GAME_OVER: 409,
  SHOP_UNREACHABLE: 502,
};

/** What the client gets for anything thrown while serving a request: status and `{ message, code, errors? }`. */
export function toErrorResponse(exception: unknown): ErrorResponse {
  if (exception instanceof AppError) return known(exception.status, exception.toBody());

  if (exception instanceof ZodValidationException) {
    return known(400, {
      message: 'The request is not valid: see errors.',
      code: 'VALIDATION',
      errors: fieldErrors(exception.getZodError()),
    });
  }

  if (exception instanceof RuleViolation || exception instanceof TeamActionError) {
    return known(DOMAIN_STATUS[exception.code] ?? 400, { message: exception.message, code: exception.code });
  }

  const fromBody = bodyParserError(exception);
  if (fromBody) return known(fromBody.status, fromBody.toBody());

  if (exception instanceof ThrottlerException) {
    return known(429, { message: 'Too many requests: wait a minute and try again.', code: 'RATE_LIMITED' });
  }

  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    if (status === 500) return { status, body: INTERNAL, unexpected: true };
    return {
      status,
      body: { message: httpExceptionMessage(exception), code: codeForStatus(status) },
      unexpected: status >= 500,
    };
  }

  return { status: 500, body: INTERNAL, unexpected: true };
}

function known(status: number, body: ErrorBody): ErrorResponse {
  return { status, body, unexpected: status >= 500 };
}

function httpExceptionMessage(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (typeof message === 'string') return message;
  if (Array.isArray(message)) return message.map(String).join('; ');
  return exception.message;
}

interface ZodIssueLike {
  code?: string;
  path?: PropertyKey[];
  message?: string;
  keys?: string[];
}

/** zod issues → `[{ path, message }]`; each unknown field of a strict object gets its own entry. */
export function fieldErrors(zodError: unknown): FieldError[] {
  const issues = (zodError as { issues?: unknown } | null)?.issues;
  if (!Array.isArray(issues)) return [];
  return (issues as ZodIssueLike[]).flatMap((issue) => {
    const path = (issue.path ?? []).map(String);
    if (issue.code === 'unrecognized_keys' && Array.isArray(issue.keys)) {
      return issue.keys.map((key) => ({ path: [...path, key].join('.'), message: 'unknown field' }));
    }
    return [{ path: path.join('.'), message: issue.message ?? 'invalid' }];
  });
}
