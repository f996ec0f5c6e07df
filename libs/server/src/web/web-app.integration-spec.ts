import { makeTempDir } from '@mamoru/testing';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startTestServer, type TestServer } from '../testing';

/** The server serves the built web app beside its own routes, and says how to build it when it is missing. */
describe('the web app on the game server', () => {
  let built: TestServer;
  let missing: TestServer;
  let dist: Awaited<ReturnType<typeof makeTempDir>>;
  let empty: Awaited<ReturnType<typeof makeTempDir>>;

  beforeAll(async () => {
    dist = await makeTempDir('mamoru-web-dist-');
    empty = await makeTempDir('mamoru-web-none-');
    await mkdir(join(dist.path, 'assets'));
    await writeFile(join(dist.path, 'index.html'), '<!doctype html><div id="root"></div>');
    await writeFile(join(dist.path, 'assets', 'index-Abc123.js'), 'console.log(1)');
    await writeFile(join(dist.path, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    // Files named like the server's routes never shadow them.
    await writeFile(join(dist.path, 'health'), 'not the health check');
    await mkdir(join(dist.path, 'api'));
    await writeFile(join(dist.path, 'api', 'games'), 'not the games');
    [built, missing] = await Promise.all([
      startTestServer({ webDir: dist.path }),
      startTestServer({ webDir: empty.path }),
    ]);
  });

  afterAll(async () => {
    await Promise.all([built?.close(), missing?.close()]);
    await Promise.all([dist?.remove(), empty?.remove()]);
  });

  it.each(['/', '/board/day-1', '/board', '/team', '/team/inbox', '/control', '/control/day-1/grading', '/replay'])(
    'answers index.html for the page %s, never cached without revalidation',
    async (path) => {
      const res = await fetch(built.url + path);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(await res.text()).toContain('<div id="root">');
    },
  );

  it('revalidates index.html with its ETag and answers HEAD without a body', async () => {
    const first = await fetch(`${built.url}/board/x`);
    const etag = first.headers.get('etag')!;
    await first.text();
    expect(etag).toMatch(/^".+"$/);
    const again = await fetch(`${built.url}/board/x`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    await again.text();
    const head = await fetch(`${built.url}/board/x`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('serves hashed assets for a year and other files with revalidation', async () => {
    const asset = await fetch(`${built.url}/assets/index-Abc123.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await asset.text()).toBe('console.log(1)');
    const icon = await fetch(`${built.url}/favicon.svg`);
    expect(icon.status).toBe(200);
    expect(icon.headers.get('cache-control')).toBe('no-cache');
    await icon.text();
  });

  it('leaves /api, /health, /metrics and unknown paths to the server: its JSON 404 and its own answers', async () => {
    const unknownApi = await built.request('GET', '/api/nope');
    expect(unknownApi.status).toBe(404);
    expect(unknownApi.body).toMatchObject({ code: 'NOT_FOUND' });
    expect((await built.request('GET', '/api/games')).body).toEqual(expect.any(Array));
    const health = await built.request('GET', '/health');
    expect(health.status).toBe(200);
    expect(health.body).not.toBe('not the health check');
    expect((await built.request('GET', '/metrics')).status).toBe(200);
    for (const path of ['/nope', '/assets/missing.js', '/boardroom']) {
      const res = await built.request('GET', path);
      expect([path, res.status, res.body]).toEqual([path, 404, expect.objectContaining({ code: 'NOT_FOUND' })]);
    }
    const post = await built.request('POST', '/board/x', { body: {} });
    expect(post.status).toBe(404);
    expect(post.body).toMatchObject({ code: 'NOT_FOUND' });
    const traversal = await fetch(`${built.url}/assets/..%2f..%2fpackage.json`);
    expect(traversal.status).not.toBe(200);
    await traversal.text();
  });

  it('answers the pages with a 503 saying how to build the app when it is not built; the API still works', async () => {
    const page = await fetch(`${missing.url}/board/day-1`);
    expect(page.status).toBe(503);
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(await page.text()).toContain('npm run build:web');
    expect((await missing.request('GET', '/assets/index-Abc123.js')).status).toBe(404);
    expect((await missing.request('GET', '/api/games')).status).toBe(200);
    expect((await missing.request('GET', '/api/nope')).body).toMatchObject({ code: 'NOT_FOUND' });
  });
});
