import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ShopHttpClient, responseHeader, shopUrl } from './shop-http';

const client = new ShopHttpClient({ maxSocketsPerOrigin: 4 });
let server: http.Server;
let baseUrl: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    switch (req.url ?? '/') {
      case '/fail':
        res.writeHead(500, { 'content-type': 'text/plain' }).end('boom');
        return;
      case '/login':
        res.writeHead(302, { location: '/admin', 'set-cookie': ['session=abc; HttpOnly', 'theme=dark'] }).end();
        return;
      case '/admin':
        res.writeHead(200).end('admin page');
        return;
      case '/big':
        res.writeHead(200).end('x'.repeat(3 * 1024 * 1024));
        return;
      case '/slow':
        setTimeout(() => res.end('late'), 2000).unref();
        return;
      case '/echo':
        req.pipe(res);
        return;
      case '/hangup':
        req.socket.destroy();
        return;
      default:
        res.end('hello');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  client.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

it('returns HTTP error statuses as responses, never throwing', async () => {
  const result = await client.request({ url: `${baseUrl}/fail`, timeoutMs: 1000 });
  expect(result).toMatchObject({ kind: 'response', status: 500, body: 'boom' });
});

it('does not follow redirects and keeps every Set-Cookie line', async () => {
  const result = await client.request({ url: `${baseUrl}/login`, timeoutMs: 1000 });
  if (result.kind !== 'response') throw new Error('expected a response');
  expect(result.status).toBe(302);
  expect(result.setCookie).toEqual(['session=abc; HttpOnly', 'theme=dark']);
  expect(responseHeader(result, 'Set-Cookie')).toBe('session=abc; HttpOnly\ntheme=dark');
  expect(responseHeader(result, 'Location')).toBe('/admin');
});

it('caps bodies at 2 MB', async () => {
  const result = await client.request({ url: `${baseUrl}/big`, timeoutMs: 5000 });
  expect(result).toMatchObject({ kind: 'response', status: 200, bodyTruncated: true });
  if (result.kind === 'response') expect(result.body.length).toBe(2 * 1024 * 1024);
});

it('sends bodies', async () => {
  const result = await client.request({ method: 'POST', url: `${baseUrl}/echo`, body: '{"a":1}', timeoutMs: 1000 });
  expect(result).toMatchObject({ kind: 'response', body: '{"a":1}' });
});

it('classifies a timeout', async () => {
  const started = Date.now();
  const result = await client.request({ url: `${baseUrl}/slow`, timeoutMs: 100 });
  expect(result).toMatchObject({ kind: 'transport', failure: 'timeout' });
  expect(Date.now() - started).toBeLessThan(1000);
});

it('classifies a reset connection', async () => {
  const result = await client.request({ method: 'POST', url: `${baseUrl}/hangup`, timeoutMs: 1000 });
  expect(result).toMatchObject({ kind: 'transport', failure: 'reset' });
});

it('classifies a refused connection', async () => {
  const closed = http.createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const port = (closed.address() as AddressInfo).port;
  await new Promise((resolve) => closed.close(resolve));
  const result = await client.request({ url: `http://127.0.0.1:${port}/`, timeoutMs: 1000 });
  expect(result).toMatchObject({ kind: 'transport', failure: 'refused' });
});

it('keeps connections alive between requests', async () => {
  const before = new Set<unknown>();
  server.on('connection', (socket) => before.add(socket));
  for (let i = 0; i < 5; i++) await client.request({ url: `${baseUrl}/`, timeoutMs: 1000 });
  expect(before.size).toBeLessThanOrEqual(1);
});

it('throws only for caller bugs', async () => {
  await expect(client.request({ url: 'ftp://example.test/', timeoutMs: 1000 })).rejects.toThrow(TypeError);
  expect(shopUrl('http://h:1/', '/a?b=c')).toBe('http://h:1/a?b=c');
});
