import http from 'node:http';
import https from 'node:https';
import { performance } from 'node:perf_hooks';

/**
 * The one HTTP client the platform uses to talk to shops (crawler, attack runner, ops client).
 *
 * Built on node:http rather than global fetch: the workspace has no `undici` package, so fetch's
 * dispatcher cannot be given connection limits without reaching into Node internals, while an
 * `http.Agent` gives keep-alive with a per-origin socket limit, raw `Set-Cookie` lines, a byte cap
 * on bodies and transport errors with their codes. It never follows redirects and never throws for
 * an HTTP status: a shop's answer is a `ShopHttpResponse`, a failure to get one is a
 * `ShopTransportFailure`. It throws only for caller bugs (an invalid or non-HTTP URL).
 */

export type TransportFailureKind = 'refused' | 'timeout' | 'reset' | 'unreachable' | 'aborted' | 'other';

export interface ShopHttpRequest {
  method?: string;
  /** Absolute http(s) URL. */
  url: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /** Whole-exchange timeout: connecting, sending and reading the body. */
  timeoutMs: number;
  /** Extra cancellation (e.g. the caller's own deadline). */
  signal?: AbortSignal;
  /** Bodies beyond this are cut (and `bodyTruncated` set); default 2 MB. */
  maxBodyBytes?: number;
}

export interface ShopHttpResponse {
  kind: 'response';
  status: number;
  /** Lower-case names; repeated headers joined with ', ' (Set-Cookie lines with '\n'). */
  headers: Record<string, string>;
  setCookie: string[];
  body: string;
  bodyTruncated: boolean;
  ms: number;
}

export interface ShopTransportFailure {
  kind: 'transport';
  failure: TransportFailureKind;
  message: string;
  ms: number;
}

export type ShopHttpResult = ShopHttpResponse | ShopTransportFailure;

export interface ShopHttpClientOptions {
  /** Open sockets per shop origin (default 64); further requests queue inside the agent. */
  maxSocketsPerOrigin?: number;
  /** Idle keep-alive sockets are closed after this, below Node servers' 5 s keep-alive timeout. */
  idleSocketMs?: number;
}

export const DEFAULT_MAX_BODY_BYTES = 2 * 1024 * 1024;
const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export class ShopHttpClient {
  private readonly httpAgent: http.Agent;
  private readonly httpsAgent: https.Agent;

  constructor(options: ShopHttpClientOptions = {}) {
    const agentOptions = {
      keepAlive: true,
      maxSockets: options.maxSocketsPerOrigin ?? 64,
      maxFreeSockets: options.maxSocketsPerOrigin ?? 64,
      timeout: options.idleSocketMs ?? 2000,
      scheduling: 'lifo' as const,
    };
    this.httpAgent = new http.Agent(agentOptions);
    this.httpsAgent = new https.Agent(agentOptions);
  }

  async request(request: ShopHttpRequest): Promise<ShopHttpResult> {
    const url = new URL(request.url);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new TypeError(`shop URL must be http(s): ${request.url}`);
    }
    const started = performance.now();
    const timeout = AbortSignal.timeout(Math.max(1, Math.round(request.timeoutMs)));
    const signal = request.signal ? AbortSignal.any([timeout, request.signal]) : timeout;
    const method = (request.method ?? 'GET').toUpperCase();
    let result = await this.exchange(url, method, request, signal, timeout);
    // A keep-alive socket the shop closed while idle fails at once with a reset; the request never
    // reached the shop, so it is safe to send again (only for idempotent methods, per Node's docs).
    if (
      result.kind === 'transport' &&
      result.failure === 'reset' &&
      result.reusedSocket &&
      IDEMPOTENT_METHODS.has(method) &&
      !signal.aborted
    ) {
      result = await this.exchange(url, method, request, signal, timeout);
    }
    const ms = Math.round(performance.now() - started);
    if (result.kind === 'transport') return { kind: 'transport', failure: result.failure, message: result.message, ms };
    return { ...result, ms };
  }

  /** Closes every kept-alive socket. Requests made afterwards open new ones. */
  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }

  private exchange(
    url: URL,
    method: string,
    request: ShopHttpRequest,
    signal: AbortSignal,
    timeout: AbortSignal,
  ): Promise<Omit<ShopHttpResponse, 'ms'> | (Omit<ShopTransportFailure, 'ms'> & { reusedSocket: boolean })> {
    const maxBodyBytes = request.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
    const body = typeof request.body === 'string' ? Buffer.from(request.body, 'utf8') : request.body;
    const headers: Record<string, string> = { ...request.headers };
    if (body && !hasHeader(headers, 'content-length')) headers['content-length'] = String(body.byteLength);
    const transport = url.protocol === 'https:' ? https : http;
    const agent = url.protocol === 'https:' ? this.httpsAgent : this.httpAgent;

    return new Promise((resolve) => {
      let settled = false;
      let gotResponse = false;
      const fail = (error: unknown) => {
        if (settled) return;
        settled = true;
        resolve({
          kind: 'transport',
          ...classifyTransportError(error, timeout, signal),
          reusedSocket: !gotResponse && clientRequest.reusedSocket,
        });
      };
      const clientRequest = transport.request(url, { method, headers, agent, signal }, (response) => {
        gotResponse = true;
        const chunks: Buffer[] = [];
        let size = 0;
        let truncated = false;
        const done = () => {
          if (settled) return;
          settled = true;
          resolve(toResponse(response, Buffer.concat(chunks, size), truncated));
        };
        response.on('data', (chunk: Buffer) => {
          if (truncated) return;
          if (size + chunk.length > maxBodyBytes) {
            chunks.push(chunk.subarray(0, maxBodyBytes - size));
            size = maxBodyBytes;
            truncated = true;
            done();
            response.destroy();
            return;
          }
          chunks.push(chunk);
          size += chunk.length;
        });
        response.on('end', done);
        response.on('error', fail);
        response.on('close', () => {
          if (!response.complete) fail(Object.assign(new Error('response ended early'), { code: 'ECONNRESET' }));
        });
      });
      clientRequest.on('error', fail);
      clientRequest.end(body);
    });
  }
}

function toResponse(response: http.IncomingMessage, body: Buffer, truncated: boolean): Omit<ShopHttpResponse, 'ms'> {
  const headers: Record<string, string> = {};
  let setCookie: string[] = [];
  for (const [name, value] of Object.entries(response.headers)) {
    if (value === undefined) continue;
    if (name === 'set-cookie') {
      setCookie = Array.isArray(value) ? value : [value];
      headers[name] = setCookie.join('\n');
    } else {
      headers[name] = Array.isArray(value) ? value.join(', ') : value;
    }
  }
  return {
    kind: 'response',
    status: response.statusCode ?? 0,
    headers,
    setCookie,
    body: body.toString('utf8'),
    bodyTruncated: truncated,
  };
}

function hasHeader(headers: Record<string, string>, name: string): boolean {
  return Object.keys(headers).some((key) => key.toLowerCase() === name);
}

export function classifyTransportError(
  error: unknown,
  timeout: AbortSignal,
  signal: AbortSignal,
): { failure: TransportFailureKind; message: string } {
  if (timeout.aborted) return { failure: 'timeout', message: 'timed out' };
  if (signal.aborted) return { failure: 'aborted', message: 'cancelled' };
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  switch (code) {
    case 'ECONNREFUSED':
      return { failure: 'refused', message: 'connection refused' };
    case 'ETIMEDOUT':
    case 'ESOCKETTIMEDOUT':
      return { failure: 'timeout', message: 'timed out' };
    case 'ECONNRESET':
    case 'EPIPE':
    case 'ECONNABORTED':
      return { failure: 'reset', message: `connection reset (${message})` };
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'EADDRNOTAVAIL':
      return { failure: 'unreachable', message: `unreachable (${String(code)})` };
    default:
      return { failure: 'other', message: code ? `${String(code)}: ${message}` : message };
  }
}

/** A response header by case-insensitive name ('' when absent); Set-Cookie lines joined by '\n'. */
export function responseHeader(response: ShopHttpResponse, name: string): string {
  return response.headers[name.toLowerCase()] ?? '';
}

let shared: ShopHttpClient | undefined;

/** The process-wide client used when a caller does not bring its own. */
export function sharedShopHttp(): ShopHttpClient {
  shared ??= new ShopHttpClient();
  return shared;
}

/** `base` + `path`, with exactly one slash between them; the path is used as given (pre-encoded). */
export function shopUrl(baseUrl: string, path: string): string {
  return baseUrl.replace(/\/+$/, '') + (path.startsWith('/') ? path : `/${path}`);
}
