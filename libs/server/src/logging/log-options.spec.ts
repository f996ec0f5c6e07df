import type { IncomingMessage, ServerResponse } from 'node:http';
import { Writable } from 'node:stream';
import pino from 'pino';
import { loggableUrl, REDACTED_PATHS, requestId } from './log-options';

function exchange(headers: Record<string, string>): {
  req: IncomingMessage;
  res: ServerResponse;
  sent: Map<string, unknown>;
} {
  const sent = new Map<string, unknown>();
  const res = { setHeader: (name: string, value: unknown) => sent.set(name, value) } as unknown as ServerResponse;
  return { req: { headers } as unknown as IncomingMessage, res, sent };
}

describe('request ids', () => {
  it('reuse a valid incoming x-request-id and echo it', () => {
    const { req, res, sent } = exchange({ 'x-request-id': 'lb-1234.abc:9' });
    expect(requestId(req, res)).toBe('lb-1234.abc:9');
    expect(sent.get('x-request-id')).toBe('lb-1234.abc:9');
  });

  it('replace a missing or suspicious one with a UUID', () => {
    const suspicious: Record<string, string>[] = [
      {},
      { 'x-request-id': 'has spaces' },
      { 'x-request-id': 'x'.repeat(200) },
      { 'x-request-id': '\n{"level":60}' },
    ];
    for (const headers of suspicious) {
      const { req, res, sent } = exchange(headers);
      const id = requestId(req, res);
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      expect(sent.get('x-request-id')).toBe(id);
    }
  });
});

describe('what is logged', () => {
  it('masks secrets in query strings', () => {
    expect(loggableUrl('/api/live?token=abc.def&game=g1')).toBe('/api/live?token=%5Bredacted%5D&game=g1');
    expect(loggableUrl('/join?joinCode=ABCD-EFGH-JKMN')).not.toContain('ABCD');
    expect(loggableUrl('/health')).toBe('/health');
  });

  it('redacts credentials wherever they appear in a log line', () => {
    let output = '';
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        output += chunk.toString();
        done();
      },
    });
    const logger = pino({ redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, sink);
    logger.info(
      {
        req: { headers: { authorization: 'Bearer eyJ.secret', cookie: 'sid=1' } },
        body: { login: 'alice', password: 'hunter22', joinCode: 'ABCD-EFGH-JKMN' },
        tokens: { accessToken: 'a.b.c', refreshToken: 'd.e.f' },
        password: 'top-level',
      },
      'signed in',
    );
    expect(output).toContain('alice');
    for (const secret of ['eyJ.secret', 'sid=1', 'hunter22', 'ABCD-EFGH-JKMN', 'a.b.c', 'd.e.f', 'top-level']) {
      expect(output).not.toContain(secret);
    }
  });
});
