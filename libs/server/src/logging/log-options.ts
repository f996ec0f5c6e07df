import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { RequestMethod } from '@nestjs/common';
import type { Params } from 'nestjs-pino';
import type { LogLevel } from '../config/server-config';

export const REQUEST_ID_HEADER = 'x-request-id';

/** An incoming request id is reused only when it looks like one: it ends up in every log line. */
const VALID_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Query parameters whose values are secrets (a token in a URL, a join code in a link). */
const SECRET_QUERY_PARAMS =
  /^(token|access_token|refresh_token|accessToken|refreshToken|joinCode|join_code|code|password)$/;

/**
 * Secrets never reach the logs: headers that carry credentials, and body or object fields with
 * these names wherever they are logged (a few levels deep).
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  ...[
    'password',
    'currentPassword',
    'newPassword',
    'joinCode',
    'token',
    'accessToken',
    'refreshToken',
    'jwtSecret',
  ].flatMap((field) => [field, `*.${field}`, `*.*.${field}`]),
];

/** The request's id: a valid incoming `x-request-id`, or a new UUID; echoed in the response. */
export function requestId(req: IncomingMessage, res: ServerResponse): string {
  const incoming = req.headers[REQUEST_ID_HEADER];
  const id = typeof incoming === 'string' && VALID_REQUEST_ID.test(incoming) ? incoming : randomUUID();
  res.setHeader(REQUEST_ID_HEADER, id);
  return id;
}

/** The URL as logged: secret query values masked. */
export function loggableUrl(url: string | undefined): string {
  if (url === undefined) return '';
  const query = url.indexOf('?');
  if (query < 0) return url;
  const params = new URLSearchParams(url.slice(query + 1));
  for (const name of [...params.keys()]) if (SECRET_QUERY_PARAMS.test(name)) params.set(name, '[redacted]');
  return `${url.slice(0, query)}?${params.toString()}`;
}

interface SerializedRequest {
  id?: unknown;
  method?: string;
  url?: string;
  remoteAddress?: string;
  headers?: Record<string, unknown>;
}

/** Routes polled by probes and scrapers: logging every call would drown the rest. */
const QUIET_ROUTES = new Set(['/health', '/metrics']);

/** nestjs-pino's parameters: JSON lines, a request id per request, secrets redacted. */
export function logParams(level: LogLevel): Params {
  return {
    pinoHttp: {
      level,
      genReqId: requestId,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      autoLogging: { ignore: (req) => QUIET_ROUTES.has((req.url ?? '').split('?')[0]) },
      customLogLevel: (_req, res, error) => {
        if (error !== undefined || res.statusCode >= 500) return 'error';
        return res.statusCode >= 400 ? 'warn' : 'info';
      },
      serializers: {
        // Only what helps to follow a request: no headers, so no cookies or tokens by accident.
        req: (req: SerializedRequest) => ({
          id: req.id,
          method: req.method,
          url: loggableUrl(req.url),
          remoteAddress: req.remoteAddress,
          userAgent: req.headers?.['user-agent'],
        }),
        res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
      },
    },
    // Nest 11 (path-to-regexp 8) spells "every route" like this; nestjs-pino's default '*' is legacy.
    forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
  };
}
