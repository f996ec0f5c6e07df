import { randomUUID } from 'node:crypto';
import { openEventStore, type EventStore } from '@mamoru/event-store';
import { portAnswers, TEST_REDIS_URL } from '@mamoru/testing';
import { Module } from '@nestjs/common';
import Redis from 'ioredis';
import { createGameServer, type GameServer } from '../bootstrap';
import { loadServerConfig } from '../config/server-config';
import { AppError } from '../errors/app-error';
import { HealthRegistry } from '../health/health-registry';
import { MetricsService } from '../metrics/metrics.service';
import { AccountsService } from './accounts.service';
import { AuthService } from './auth.service';
import { MEMBER_ACCESS, type MemberAccess } from './member-access';
import type { Principal } from './principal';

// A real server on a free port over real HTTP: PGlite in memory, Redis at TEST_REDIS_URL (required,
// like every Redis test of the repository).
jest.setTimeout(60_000);

const LOGIN_LIMIT = 5;
const BODY_LIMIT_BYTES = 10 * 1024;

/** A member the fake MEMBER_ACCESS below refuses, like the games feature does for a transfer. */
const AWAY_MEMBER = 'member-away';

@Module({
  providers: [
    {
      provide: MEMBER_ACCESS,
      useValue: {
        assertActive: async (principal: Principal) => {
          if (principal.memberId === AWAY_MEMBER) throw new AppError(403, 'MEMBER_DISABLED', 'away on a transfer');
        },
      } satisfies MemberAccess,
    },
  ],
})
class FakeMemberAccessModule {}

interface Reply {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

describe('game server auth over HTTP', () => {
  let server: GameServer;
  let store: EventStore;
  let keyPrefix: string;
  let admin: { login: string; password: string };
  /** Each test signs in from addresses of its own (X-Forwarded-For, trusted from loopback), so limits do not mix. */
  let addressCounter = 0;
  const newAddress = () => `203.0.113.${++addressCounter}`;

  beforeAll(async () => {
    if (!(await portAnswers(TEST_REDIS_URL, 6379))) {
      throw new Error(`Redis does not answer at ${TEST_REDIS_URL}: start redis-server or set REDIS_URL`);
    }
    keyPrefix = `test-gs-${randomUUID().slice(0, 8)}:`;
    const config = loadServerConfig({
      MAMORU_JWT_SECRET: randomUUID() + randomUUID(),
      PORT: '0',
      REDIS_URL: TEST_REDIS_URL,
      MAMORU_REDIS_KEY_PREFIX: keyPrefix,
      MAMORU_LOGIN_LIMIT_PER_MINUTE: String(LOGIN_LIMIT),
      MAMORU_BODY_LIMIT: `${BODY_LIMIT_BYTES}b`,
      MAMORU_TRUST_PROXY: 'loopback',
    });
    store = await openEventStore({});
    server = await createGameServer({ config, store, modules: [FakeMemberAccessModule], logger: false });
    const generated = await server.app.get(AuthService).bootstrapAdmin();
    if (!generated) throw new Error('expected the first start to generate the admin password');
    admin = generated;
  });

  afterAll(async () => {
    await server?.close();
    await store?.close();
    if (keyPrefix === undefined) return;
    // The throttler's keys expire within a minute; remove them anyway ({...} is its hash tag).
    const redis = new Redis(TEST_REDIS_URL);
    const keys = await redis.keys(`{${keyPrefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  async function call(
    method: string,
    path: string,
    options: { body?: unknown; rawBody?: string; token?: string; from?: string; headers?: Record<string, string> } = {},
  ): Promise<Reply> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.from) headers['x-forwarded-for'] = options.from;
    let body: string | undefined = options.rawBody;
    if (options.body !== undefined) body = JSON.stringify(options.body);
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${server.url}${path}`, { method, headers, body });
    const text = await response.text();
    let parsed: Record<string, unknown> = {};
    try {
      parsed = text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
    } catch {
      parsed = { text };
    }
    return { status: response.status, headers: response.headers, body: parsed };
  }

  const login = (loginName: string, password: string, from = newAddress()) =>
    call('POST', '/api/auth/login', { body: { login: loginName, password }, from });

  /** Error responses carry exactly message and code (and errors for validation). */
  function expectError(reply: Reply, status: number, code: string): void {
    expect({ status: reply.status, code: reply.body.code }).toEqual({ status, code });
    expect(typeof reply.body.message).toBe('string');
    expect(
      Object.keys(reply.body)
        .filter((k) => k !== 'errors')
        .sort(),
    ).toEqual(['code', 'message']);
  }

  describe('signing in', () => {
    it('signs the generated admin in, and /me says who it is', async () => {
      expect(admin.login).toBe('admin');
      expect(admin.password).toHaveLength(20);
      // A second call does not create (or reveal) anything again.
      expect(await server.app.get(AuthService).bootstrapAdmin()).toEqual(admin);

      const reply = await login('ADMIN', admin.password);
      expect(reply.status).toBe(200);
      expect(reply.body).toEqual({
        accessToken: expect.any(String),
        refreshToken: expect.any(String),
        expiresIn: 900,
        principal: { accountId: expect.any(String), role: 'organiser', login: 'admin' },
      });
      const me = await call('GET', '/api/auth/me', { token: reply.body.accessToken as string });
      expect(me.status).toBe(200);
      expect(me.body).toEqual(reply.body.principal);
    });

    it('answers a wrong password and an unknown login alike: 401', async () => {
      const wrongPassword = await login('admin', 'not the password');
      const unknownLogin = await login('nobody-here', 'not the password');
      expectError(wrongPassword, 401, 'UNAUTHENTICATED');
      expectError(unknownLogin, 401, 'UNAUTHENTICATED');
      expect(unknownLogin.body.message).toBe(wrongPassword.body.message);
    });

    it('stops brute force from one address with 429, and not other addresses', async () => {
      const attacker = newAddress();
      for (let i = 0; i < LOGIN_LIMIT; i++)
        expectError(await login('admin', `guess-${i}`, attacker), 401, 'UNAUTHENTICATED');
      const blocked = await login('admin', admin.password, attacker);
      expectError(blocked, 429, 'RATE_LIMITED');
      expect(Number(blocked.headers.get('retry-after-login'))).toBeGreaterThan(0);
      expect((await login('admin', admin.password)).status).toBe(200);
    });

    it('refreshes tokens, and refuses an access token as a refresh token', async () => {
      const signedIn = await login('admin', admin.password);
      const refreshed = await call('POST', '/api/auth/refresh', {
        body: { refreshToken: signedIn.body.refreshToken },
        from: newAddress(),
      });
      expect(refreshed.status).toBe(200);
      expect(refreshed.body.principal).toEqual(signedIn.body.principal);
      expect((await call('GET', '/api/auth/me', { token: refreshed.body.accessToken as string })).status).toBe(200);
      const misuse = await call('POST', '/api/auth/refresh', {
        body: { refreshToken: signedIn.body.accessToken },
        from: newAddress(),
      });
      expectError(misuse, 401, 'UNAUTHENTICATED');
    });

    it('refuses requests without a valid token: 401', async () => {
      expectError(await call('GET', '/api/auth/me'), 401, 'UNAUTHENTICATED');
      expectError(await call('GET', '/api/accounts', { token: 'not-a-jwt' }), 401, 'UNAUTHENTICATED');
      expectError(
        await call('GET', '/api/accounts', { headers: { authorization: 'Basic YWRtaW46eA==' } }),
        401,
        'UNAUTHENTICATED',
      );
    });
  });

  describe('accounts', () => {
    async function adminToken(): Promise<string> {
      return (await login('admin', admin.password)).body.accessToken as string;
    }

    it('lets an organiser create a grader, who may not manage accounts', async () => {
      const token = await adminToken();
      const created = await call('POST', '/api/accounts', { token, body: { login: 'Grader.One', role: 'grader' } });
      expect(created.status).toBe(201);
      expect(created.body).toEqual({
        account: expect.objectContaining({ login: 'grader.one', role: 'grader', disabled: false, hasPassword: true }),
        password: expect.any(String),
      });
      const grader = await login('grader.one', created.body.password as string);
      expect(grader.status).toBe(200);
      expect(grader.body.principal).toMatchObject({ role: 'grader', login: 'grader.one' });

      const graderToken = grader.body.accessToken as string;
      expectError(
        await call('POST', '/api/accounts', { token: graderToken, body: { login: 'sneaky', role: 'organiser' } }),
        403,
        'FORBIDDEN',
      );
      expectError(await call('GET', '/api/accounts', { token: graderToken }), 403, 'FORBIDDEN');

      const duplicate = await call('POST', '/api/accounts', {
        token,
        body: { login: 'GRADER.one', role: 'grader', password: 'a-given-password' },
      });
      expectError(duplicate, 409, 'CONFLICT');

      const listed = await call('GET', '/api/accounts', { token });
      expect(listed.status).toBe(200);
      const text = JSON.stringify(listed.body);
      expect(text).toContain('grader.one');
      expect(text).not.toMatch(/argon2|hash/i);
    });

    it('disables an account: its sign-in and refresh tokens stop working', async () => {
      const token = await adminToken();
      const created = await call('POST', '/api/accounts', {
        token,
        body: { login: 'grader.two', role: 'grader', password: 'grader-two-password' },
      });
      expect(created.body.password).toBeUndefined();
      const grader = await login('grader.two', 'grader-two-password');
      const id = (created.body.account as { id: string }).id;
      const disabled = await call('POST', `/api/accounts/${id}/disable`, { token });
      expect(disabled.status).toBe(200);
      expect(disabled.body).toMatchObject({ id, disabled: true });
      expectError(await login('grader.two', 'grader-two-password'), 401, 'UNAUTHENTICATED');
      expectError(
        await call('POST', '/api/auth/refresh', {
          body: { refreshToken: grader.body.refreshToken },
          from: newAddress(),
        }),
        401,
        'UNAUTHENTICATED',
      );
      expectError(await call('POST', `/api/accounts/${randomUUID()}/disable`, { token }), 404, 'NOT_FOUND');
      const self = (await login('admin', admin.password)).body.principal as Principal;
      expectError(await call('POST', `/api/accounts/${self.accountId}/disable`, { token }), 409, 'CONFLICT');
    });
  });

  describe('members', () => {
    const join = (joinCode: string, password: string) =>
      call('POST', '/api/auth/join', { body: { joinCode, password }, from: newAddress() });

    it('join with the one-time code, sign in with the password, and lose both on a reissue', async () => {
      const accounts = server.app.get(AccountsService);
      const member = await accounts.createMember({
        gameId: 'game-1',
        teamId: 'team-1',
        memberId: 'member-1',
        login: 'game-1.team-1.1',
      });
      expect(member.joinCode).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
      expect(await accounts.findMember('game-1', 'member-1')).toMatchObject({ hasPassword: false, teamId: 'team-1' });
      expectError(await login('game-1.team-1.1', 'any password at all'), 401, 'UNAUTHENTICATED');

      // Codes are case- and dash-insensitive.
      const joined = await join(member.joinCode.replace(/-/g, '').toLowerCase(), 'member-password-1');
      expect(joined.status).toBe(200);
      expect(joined.body.principal).toEqual({
        accountId: member.accountId,
        role: 'member',
        login: 'game-1.team-1.1',
        gameId: 'game-1',
        teamId: 'team-1',
        memberId: 'member-1',
      });
      expectError(await join(member.joinCode, 'another-password'), 401, 'UNAUTHENTICATED');
      const signedIn = await login('game-1.team-1.1', 'member-password-1');
      expect(signedIn.status).toBe(200);
      expect((await call('GET', '/api/auth/me', { token: signedIn.body.accessToken as string })).status).toBe(200);
      expect((await accounts.listMembers('game-1')).map((m) => m.memberId)).toEqual(['member-1']);

      const { joinCode } = await accounts.reissueJoinCode(member.accountId);
      expect(joinCode).not.toBe(member.joinCode);
      expectError(await login('game-1.team-1.1', 'member-password-1'), 401, 'UNAUTHENTICATED');
      expectError(
        await call('POST', '/api/auth/refresh', {
          body: { refreshToken: signedIn.body.refreshToken },
          from: newAddress(),
        }),
        401,
        'UNAUTHENTICATED',
      );
      expect((await join(joinCode, 'member-password-2')).status).toBe(200);
      expect((await login('game-1.team-1.1', 'member-password-2')).status).toBe(200);
    });

    it('refuses a member whom MEMBER_ACCESS disables: 403 MEMBER_DISABLED', async () => {
      const accounts = server.app.get(AccountsService);
      const member = await accounts.createMember({
        gameId: 'game-1',
        teamId: 'team-2',
        memberId: AWAY_MEMBER,
        login: 'away.member',
      });
      const joined = await join(member.joinCode, 'away-member-password');
      expect(joined.status).toBe(200);
      expectError(
        await call('GET', '/api/auth/me', { token: joined.body.accessToken as string }),
        403,
        'MEMBER_DISABLED',
      );
    });

    it('changes a password and revokes the old refresh token', async () => {
      const accounts = server.app.get(AccountsService);
      const member = await accounts.createMember({ gameId: 'game-2', teamId: 't', memberId: 'm', login: 'changer' });
      const joined = await join(member.joinCode, 'first-password');
      const token = joined.body.accessToken as string;
      const wrong = await call('POST', '/api/auth/password', {
        token,
        body: { currentPassword: 'nope', newPassword: 'second-password' },
        from: newAddress(),
      });
      expectError(wrong, 401, 'UNAUTHENTICATED');
      const changed = await call('POST', '/api/auth/password', {
        token,
        body: { currentPassword: 'first-password', newPassword: 'second-password' },
        from: newAddress(),
      });
      expect(changed.status).toBe(200);
      expect((await login('changer', 'second-password')).status).toBe(200);
      expectError(
        await call('POST', '/api/auth/refresh', {
          body: { refreshToken: joined.body.refreshToken },
          from: newAddress(),
        }),
        401,
        'UNAUTHENTICATED',
      );
    });
  });

  describe('the error shape', () => {
    it('answers malformed JSON with 400 MALFORMED_JSON', async () => {
      expectError(
        await call('POST', '/api/auth/login', { rawBody: '{"login": "admin",', from: newAddress() }),
        400,
        'MALFORMED_JSON',
      );
    });

    it('answers an oversized body with 413 PAYLOAD_TOO_LARGE', async () => {
      const reply = await call('POST', '/api/auth/login', {
        body: { login: 'admin', password: 'x'.repeat(BODY_LIMIT_BYTES) },
        from: newAddress(),
      });
      expectError(reply, 413, 'PAYLOAD_TOO_LARGE');
    });

    it('answers an unknown or invalid field with 400 VALIDATION and the field paths', async () => {
      const reply = await call('POST', '/api/auth/login', {
        body: { login: 'admin', password: 'x', remember: true },
        from: newAddress(),
      });
      expectError(reply, 400, 'VALIDATION');
      expect(reply.body.errors).toEqual([{ path: 'remember', message: 'unknown field' }]);
      const tooShort = await call('POST', '/api/auth/join', {
        body: { joinCode: 'ABCD-EFGH-JKMN', password: 'short' },
        from: newAddress(),
      });
      expectError(tooShort, 400, 'VALIDATION');
      expect(tooShort.body.errors).toEqual([{ path: 'password', message: expect.any(String) }]);
    });

    it('answers an unknown route with 404 NOT_FOUND', async () => {
      expectError(await call('GET', '/api/no-such-route'), 404, 'NOT_FOUND');
      expectError(await call('DELETE', '/health'), 404, 'NOT_FOUND');
    });

    it('echoes a valid x-request-id, and makes one up otherwise', async () => {
      const given = await call('GET', '/api/auth/me', { headers: { 'x-request-id': 'trace-abc-123' } });
      expect(given.headers.get('x-request-id')).toBe('trace-abc-123');
      const made = await call('GET', '/health');
      expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    });
  });

  describe('operations', () => {
    it('reports health: 200 when every check is up, 503 with the failing check otherwise', async () => {
      const healthy = await call('GET', '/health');
      expect(healthy.status).toBe(200);
      expect(healthy.body).toMatchObject({
        status: 'ok',
        details: { redis: { status: 'up' }, database: { status: 'up', kind: 'pglite' } },
      });

      const registry = server.app.get(HealthRegistry);
      registry.register('workers', async () => ({ up: true, detail: { running: 2 } }));
      registry.register('shops', async () => ({ up: false, detail: { unreachable: ['team-3'] } }));
      const sick = await call('GET', '/health');
      expect(sick.status).toBe(503);
      expect(sick.body).toMatchObject({
        status: 'error',
        error: { shops: { status: 'down', unreachable: ['team-3'] } },
        details: { workers: { status: 'up', running: 2 }, redis: { status: 'up' } },
      });
      registry.register('shops', async () => ({ up: true }));
      expect((await call('GET', '/health')).status).toBe(200);
    });

    it('serves Prometheus metrics', async () => {
      server.app
        .get(MetricsService)
        .setQueueDepthSource(async () => [{ game: 'game-1', queue: 'ticks', state: 'waiting', count: 2 }]);
      await call('GET', '/api/auth/me');
      const response = await fetch(`${server.url}/metrics`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
      const text = await response.text();
      expect(text).toContain(
        'mamoru_http_request_duration_seconds_count{method="GET",route="/api/auth/me",status="401"}',
      );
      expect(text).toContain('mamoru_queue_jobs{game="game-1",queue="ticks",state="waiting"} 2');
      expect(text).toContain('mamoru_sockets_connected');
      expect(text).toContain('nodejs_heap_size_used_bytes');
    });

    it('publishes an OpenAPI document listing the auth routes, with bearer auth', async () => {
      const reply = await call('GET', '/api/docs-json');
      expect(reply.status).toBe(200);
      const doc = reply.body as {
        openapi: string;
        paths: Record<string, Record<string, { security?: unknown[]; requestBody?: unknown }>>;
        components: {
          securitySchemes: Record<string, { type: string; scheme: string }>;
          schemas: Record<string, unknown>;
        };
        security: unknown[];
      };
      expect(doc.openapi).toMatch(/^3\./);
      for (const path of ['/api/auth/login', '/api/auth/join', '/api/auth/refresh', '/api/auth/password']) {
        expect(doc.paths[path].post).toBeDefined();
      }
      expect(doc.paths['/api/auth/me'].get).toBeDefined();
      expect(doc.paths['/api/accounts'].post).toBeDefined();
      expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
      expect(doc.security).toEqual([{ bearer: [] }]);
      expect(doc.paths['/api/auth/login'].post.security).toEqual([{}]);
      expect(doc.components.schemas.LoginDto).toMatchObject({
        type: 'object',
        properties: { login: expect.any(Object), password: expect.any(Object) },
        additionalProperties: false,
      });
      const ui = await fetch(`${server.url}/api/docs`);
      expect(ui.status).toBe(200);
      expect(await ui.text()).toContain('swagger');
    });
  });
});
