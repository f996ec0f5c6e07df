import type { ServerResponse } from 'node:http';

/**
 * Writing responses, and the one error shape of the shop. JSON routes answer errors as
 * `{ error: <code>, message, errors? }` (the crawler reads `error: "out_of_stock"`); HTML routes
 * answer a small page. Neither ever carries a stack trace.
 */

export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly errors?: { path: string; message: string }[],
  ) {
    super(message);
  }
}

const COMMON_HEADERS = {
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
};

export type ExtraHeaders = Record<string, string | string[]>;

function send(res: ServerResponse, status: number, contentType: string, body: string, headers: ExtraHeaders): void {
  res.writeHead(status, {
    ...COMMON_HEADERS,
    'Content-Type': contentType,
    'Content-Length': Buffer.byteLength(body),
    ...headers,
  });
  res.end(body);
}

export function sendHtml(res: ServerResponse, status: number, html: string, headers: ExtraHeaders = {}): void {
  send(res, status, 'text/html; charset=utf-8', html, headers);
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: ExtraHeaders = {}): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(body), headers);
}

export function sendText(res: ServerResponse, status: number, text: string, headers: ExtraHeaders = {}): void {
  send(res, status, 'text/plain; charset=utf-8', text, headers);
}

export function redirect(res: ServerResponse, status: 302 | 303, location: string, headers: ExtraHeaders = {}): void {
  res.writeHead(status, { ...COMMON_HEADERS, Location: location, 'Content-Length': 0, ...headers });
  res.end();
}
