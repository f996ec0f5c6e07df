import type { IncomingMessage } from 'node:http';
import type { z } from 'zod';
import { HttpError } from './response';

/**
 * Reading requests: bodies (at most 1 MB), JSON and form bodies checked with zod, cookies.
 * Everything a client sends is hostile until a schema says otherwise.
 */

export const MAX_BODY_BYTES = 1024 * 1024;

export function tooLargeError(): HttpError {
  return new HttpError(413, 'payload_too_large', `request bodies are limited to ${MAX_BODY_BYTES} bytes`);
}

/** True when the declared Content-Length is already over the limit. */
export function declaresOversizedBody(req: IncomingMessage): boolean {
  const declared = Number(req.headers['content-length'] ?? 0);
  return Number.isFinite(declared) && declared > MAX_BODY_BYTES;
}

export function readBody(req: IncomingMessage): Promise<Buffer> {
  if (declaresOversizedBody(req)) return Promise.reject(tooLargeError());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    let finished = false;
    const fail = (error: Error) => {
      if (finished) return;
      finished = true;
      req.removeListener('data', onData);
      reject(error);
    };
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received > MAX_BODY_BYTES) return fail(tooLargeError());
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => {
      if (finished) return;
      finished = true;
      resolve(Buffer.concat(chunks));
    });
    req.on('error', (error) => fail(new HttpError(400, 'bad_request', `could not read the request: ${error.message}`)));
    req.on('aborted', () => fail(new HttpError(400, 'bad_request', 'the request was aborted')));
  });
}

function mediaType(req: IncomingMessage): string | undefined {
  const header = req.headers['content-type'];
  return header ? header.split(';')[0]?.trim().toLowerCase() : undefined;
}

function validationError(error: z.ZodError): HttpError {
  return new HttpError(
    400,
    'invalid_body',
    'the request body is not valid',
    error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
  );
}

/**
 * JSON bodies. A missing or `text/plain` content type is accepted too (what `fetch` sends for a
 * bare string body, so a script that forgets the header still works); form and multipart bodies
 * are refused with 415.
 */
export async function readJson<T>(req: IncomingMessage, schema: z.ZodType<T>): Promise<T> {
  const type = mediaType(req);
  if (
    type !== undefined &&
    type !== 'application/json' &&
    type !== 'text/plain' &&
    !/^application\/[\w.+-]*\+json$/.test(type)
  ) {
    throw new HttpError(415, 'unsupported_media_type', 'send the body as application/json');
  }
  const body = await readBody(req);
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    throw new HttpError(400, 'malformed_json', 'the request body is not valid JSON');
  }
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(result.error);
  return result.data;
}

/** HTML form bodies (`application/x-www-form-urlencoded`); a repeated field keeps its first value. */
export async function readForm<T>(req: IncomingMessage, schema: z.ZodType<T>): Promise<T> {
  if (mediaType(req) !== 'application/x-www-form-urlencoded') {
    throw new HttpError(415, 'unsupported_media_type', 'send the form as application/x-www-form-urlencoded');
  }
  const body = await readBody(req);
  const fields: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(body.toString('utf8'))) {
    if (!Object.hasOwn(fields, key)) fields[key] = value;
  }
  const result = schema.safeParse(fields);
  if (!result.success) throw validationError(result.error);
  return result.data;
}

export function readCookie(req: IncomingMessage, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const separator = part.indexOf('=');
    if (separator < 0) continue;
    if (part.slice(0, separator).trim() === name) return part.slice(separator + 1).trim();
  }
  return undefined;
}
