import type { AttackScript, AttackStep } from '@mamoru/domain';
import { AttackStepSchema } from '@mamoru/domain';
import { ShopHttpClient } from '../http/shop-http';
import type { FakeShop } from '../testing/fake-shop';
import { startFakeShop } from '../testing/fake-shop';
import { runAttack } from './attack-runner';

const http = new ShopHttpClient();
let shop: FakeShop;

/** A vulnerable admin login: admin/admin answers 302 with a session cookie; the admin page needs it. */
beforeAll(async () => {
  shop = await startFakeShop();
  shop.route('POST', '/admin/login', (req) =>
    req.form?.get('user') === 'admin' && req.form.get('password') === shop.adminPassword
      ? { status: 302, headers: { location: '/admin', 'set-cookie': ['theme=dark', 'session=s3cr3t; HttpOnly'] } }
      : { status: 401, body: '<p>wrong password</p>' },
  );
  shop.route('GET', '/admin', (req) =>
    req.headers.cookie?.includes('session=s3cr3t')
      ? { body: '<h1>Admin</h1><input name="csrf" value="tok-42">' }
      : { status: 403 },
  );
  shop.route('POST', '/admin/home', (req) =>
    req.form?.get('csrf') === 'tok-42' ? { body: { replaced: true, html: req.form.get('html') } } : { status: 403 },
  );
  shop.route('GET', '/api/orders', () => ({ body: { rows: [{ card: '4111-1111' }, { card: '5500-0000' }] } }));
  shop.route('PUT', '/api/price', (req) => ({ body: { ok: true, got: req.json } }));
  shop.route('GET', '/search', (req) => ({ body: `<p>results for ${req.query.get('q')}</p>` }));
});

afterAll(async () => {
  await shop.close();
  http.close();
});

function script(steps: unknown[], effects: AttackScript['effects'] = [{ kind: 'deface' }]): AttackScript {
  return {
    id: 'test-attack',
    name: { ja: 'テスト攻撃', en: 'Test attack' },
    steps: steps.map((step) => AttackStepSchema.parse(step) as AttackStep),
    effects,
  };
}

const login = {
  name: 'login',
  request: { method: 'POST', path: '/admin/login', form: { user: 'admin', password: 'admin' } },
  expect: { status: 302, headers: { 'Set-Cookie': { contains: 'session=' } } },
  extract: { session: { from: 'header', header: 'set-cookie', regex: 'session=([^;]+)' } },
};
const adminPage = {
  name: 'admin page',
  request: { path: '/admin', headers: { Cookie: 'session={{session}}' } },
  expect: { status: 200, body: { contains: 'Admin' } },
  extract: { csrf: { from: 'body', regex: 'name="csrf" value="([^"]+)"' } },
};
const deface = {
  name: 'deface',
  request: {
    method: 'POST',
    path: '/admin/home',
    headers: { cookie: 'session={{ session }}' },
    form: { csrf: '{{csrf}}', html: 'pwned' },
  },
  expect: { status: [200, 201], body: { matches: '"replaced":\\s*true' } },
};

const options = { timeoutMs: 1000, http };

it('succeeds through a login redirect (not followed), cookies and extracted tokens', async () => {
  shop.adminPassword = 'admin';
  const result = await runAttack(script([login, adminPage, deface]), shop.endpoint, options);
  expect(result).toEqual({
    outcome: 'succeeded',
    effects: [{ kind: 'deface' }],
    steps: [
      { status: 302, ms: expect.any(Number) },
      { status: 200, ms: expect.any(Number) },
      { status: 200, ms: expect.any(Number) },
    ],
  });
  // the redirect was not followed: no request reached /admin without the cookie
  const adminRequests = shop.requests.filter((r) => r.path === '/admin');
  expect(adminRequests).toHaveLength(1);
  expect(adminRequests[0].headers.cookie).toBe('session=s3cr3t');
});

it('is blocked where a matcher fails (the defence held)', async () => {
  shop.adminPassword = 'a-strong-password';
  const result = await runAttack(script([login, adminPage, deface]), shop.endpoint, options);
  expect(result).toMatchObject({
    outcome: 'blocked',
    stoppedAtStep: 0,
    reason: 'step 1 of 3 (login): expected status 302, got 401',
    effects: [],
    steps: [{ status: 401 }],
  });
  shop.adminPassword = 'admin';
});

it('checks header and body matchers', async () => {
  const blocked = async (expectation: unknown) =>
    (await runAttack(script([{ request: { path: '/' }, expect: expectation }]), shop.endpoint, options)).outcome;
  expect(await blocked({ headers: { 'content-type': { contains: 'text/html' } } })).toBe('succeeded');
  expect(await blocked({ headers: { 'Content-Type': { notContains: 'html' } } })).toBe('blocked');
  expect(await blocked({ headers: { 'x-missing': { notContains: 'x' } } })).toBe('succeeded');
  expect(await blocked({ headers: { 'x-missing': { contains: 'x' } } })).toBe('blocked');
  expect(await blocked({ body: { matches: 'mamoru-integrity' } })).toBe('succeeded');
  expect(await blocked({ body: { notContains: 'Fake Shop' } })).toBe('blocked');
  expect(await blocked({ status: [404, 500] })).toBe('blocked');
});

it('extracts from json by dot path and substitutes into paths, headers and json leaves', async () => {
  const result = await runAttack(
    script([
      {
        request: { path: '/api/orders' },
        expect: { status: 200 },
        extract: { card: { from: 'json', path: 'rows.1.card' } },
      },
      {
        request: {
          method: 'PUT',
          path: '/api/price',
          headers: { 'x-card': '{{card}}' },
          json: { stolen: ['{{card}}', 2], nested: { note: 'card {{card}}' } },
        },
        expect: { status: 200, body: { contains: '"stolen":["5500-0000",2],"nested":{"note":"card 5500-0000"}' } },
      },
      { request: { path: '/search?q={{card}}' }, expect: { body: { contains: 'results for 5500-0000' } } },
    ]),
    shop.endpoint,
    options,
  );
  expect(result.outcome).toBe('succeeded');
  expect(shop.requests.find((r) => r.path === '/api/price')?.headers['x-card']).toBe('5500-0000');
});

it('is blocked when an extraction finds nothing', async () => {
  const result = await runAttack(
    script([
      {
        request: { path: '/api/orders' },
        expect: { status: 200 },
        extract: { ssn: { from: 'json', path: 'rows.0.ssn' } },
      },
      { request: { path: '/search?q={{ssn}}' }, expect: { status: 200 } },
    ]),
    shop.endpoint,
    options,
  );
  expect(result).toMatchObject({
    outcome: 'blocked',
    stoppedAtStep: 0,
    reason: expect.stringContaining('could not extract "ssn"'),
  });
});

it('reports a script bug (unknown placeholder, bad regex) as error, not blocked', async () => {
  const unknown = await runAttack(
    script([{ request: { path: '/search?q={{nope}}' }, expect: {} }]),
    shop.endpoint,
    options,
  );
  expect(unknown).toMatchObject({ outcome: 'error', stoppedAtStep: 0, reason: expect.stringContaining('{{nope}}') });
  expect(unknown.steps).toEqual([]);
  const badRegex = await runAttack(
    script([{ request: { path: '/' }, expect: { body: { matches: '(' } } }]),
    shop.endpoint,
    options,
  );
  expect(badRegex).toMatchObject({ outcome: 'error', reason: expect.stringContaining('invalid regex') });
});

it('is error (never counted against the team) when the shop cannot be reached', async () => {
  const dead = await startFakeShop();
  await dead.refuseConnections();
  const result = await runAttack(script([{ request: { path: '/' }, expect: { status: 200 } }]), dead.endpoint, options);
  expect(result).toMatchObject({
    outcome: 'error',
    stoppedAtStep: 0,
    reason: 'step 1 of 1: shop unreachable: connection refused',
    effects: [],
  });
  expect(result.steps).toEqual([{ ms: expect.any(Number) }]);
});

it('times out a step that hangs', async () => {
  shop.route('GET', '/hang', () => new Promise(() => undefined));
  const result = await runAttack(script([{ request: { path: '/hang' }, expect: {} }]), shop.endpoint, {
    timeoutMs: 150,
    http,
  });
  expect(result).toMatchObject({ outcome: 'error', reason: expect.stringContaining('shop unreachable: timed out') });
});
