import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadServerConfig, ServerConfigError } from './server-config';

const SECRET = 's'.repeat(40);

describe('loadServerConfig', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mamoru-gs-config-'));
  });
  afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('has defaults for everything but the data dir', () => {
    const config = loadServerConfig({ MAMORU_DATA_DIR: dataDir, MAMORU_JWT_SECRET: SECRET });
    expect(config).toEqual({
      host: '127.0.0.1',
      port: 3000,
      dataDir,
      databaseUrl: undefined,
      pgliteDir: path.join(dataDir, 'server', 'events'),
      redisUrl: 'redis://127.0.0.1:6379',
      redisKeyPrefix: 'mamoru:',
      jwtSecret: SECRET,
      adminPassword: undefined,
      accessTokenTtlSeconds: 900,
      refreshTokenTtlSeconds: 7 * 86_400,
      bodyLimit: '1mb',
      loginLimitPerMinute: 10,
      logLevel: 'info',
      trustProxy: false,
      sandboxes: 'embedded',
      workers: 'embedded',
      socketStream: 'mamoru:socket.io',
      nodeId: undefined,
      resumeGames: true,
      webDir: undefined,
    });
  });

  it('reads how this process serves games', () => {
    const config = loadServerConfig({
      MAMORU_DATA_DIR: dataDir,
      MAMORU_JWT_SECRET: SECRET,
      MAMORU_SHOPS: 'shared',
      MAMORU_WORKERS: 'external',
      MAMORU_SOCKET_STREAM: 'event-2026:socket.io',
      MAMORU_NODE_ID: 'node-b',
      MAMORU_RESUME_GAMES: 'false',
    });
    expect(config).toMatchObject({
      sandboxes: 'shared',
      workers: 'external',
      socketStream: 'event-2026:socket.io',
      nodeId: 'node-b',
      resumeGames: false,
    });
    expect(() =>
      loadServerConfig({ MAMORU_DATA_DIR: dataDir, MAMORU_JWT_SECRET: SECRET, MAMORU_WORKERS: 'both' }),
    ).toThrow(/MAMORU_WORKERS: must be embedded or external/);
  });

  it('reads every variable', () => {
    const config = loadServerConfig({
      DATABASE_URL: 'postgres://u@db:5432/mamoru',
      REDIS_URL: 'redis://cache:6380',
      MAMORU_REDIS_KEY_PREFIX: 'event-2026:',
      PORT: '0',
      HOST: '0.0.0.0',
      MAMORU_DATA_DIR: dataDir,
      MAMORU_JWT_SECRET: SECRET,
      MAMORU_ADMIN_PASSWORD: 'correct horse',
      MAMORU_ACCESS_TOKEN_TTL: '30s',
      MAMORU_REFRESH_TOKEN_TTL: '12h',
      MAMORU_BODY_LIMIT: '100kb',
      MAMORU_LOGIN_LIMIT_PER_MINUTE: '3',
      MAMORU_LOG_LEVEL: 'silent',
      MAMORU_TRUST_PROXY: '1',
    });
    expect(config).toMatchObject({
      databaseUrl: 'postgres://u@db:5432/mamoru',
      redisUrl: 'redis://cache:6380',
      redisKeyPrefix: 'event-2026:',
      port: 0,
      host: '0.0.0.0',
      adminPassword: 'correct horse',
      accessTokenTtlSeconds: 30,
      refreshTokenTtlSeconds: 12 * 3600,
      bodyLimit: '100kb',
      loginLimitPerMinute: 3,
      logLevel: 'silent',
      trustProxy: 1,
    });
    expect(loadServerConfig({ MAMORU_JWT_SECRET: SECRET, MAMORU_TRUST_PROXY: 'loopback' }).trustProxy).toBe('loopback');
  });

  it('treats an empty variable as unset', () => {
    expect(loadServerConfig({ MAMORU_JWT_SECRET: SECRET, DATABASE_URL: '', PORT: '' })).toMatchObject({
      databaseUrl: undefined,
      port: 3000,
    });
  });

  it.each([
    ['DATABASE_URL', 'mysql://root@db/x'],
    ['REDIS_URL', 'localhost:6379'],
    ['PORT', '70000'],
    ['PORT', 'eighty'],
    ['MAMORU_JWT_SECRET', 'short'],
    ['MAMORU_ADMIN_PASSWORD', 'short'],
    ['MAMORU_ACCESS_TOKEN_TTL', '15 minutes'],
    ['MAMORU_BODY_LIMIT', 'huge'],
    ['MAMORU_LOGIN_LIMIT_PER_MINUTE', '0'],
    ['MAMORU_LOG_LEVEL', 'verbose'],
  ])('names %s when it is bad (%s)', (variable, value) => {
    const load = () => loadServerConfig({ MAMORU_JWT_SECRET: SECRET, [variable]: value });
    expect(load).toThrow(ServerConfigError);
    expect(load).toThrow(new RegExp(`${variable}: `));
  });

  it('wants the refresh token to outlive the access token', () => {
    expect(() =>
      loadServerConfig({ MAMORU_JWT_SECRET: SECRET, MAMORU_ACCESS_TOKEN_TTL: '1h', MAMORU_REFRESH_TOKEN_TTL: '30m' }),
    ).toThrow(/MAMORU_REFRESH_TOKEN_TTL/);
  });

  it('generates a JWT secret once, keeps it in the data dir with mode 0600, and reuses it', () => {
    const first = loadServerConfig({ MAMORU_DATA_DIR: dataDir });
    const file = path.join(dataDir, 'server', 'jwt-secret');
    expect(first.jwtSecret.length).toBeGreaterThanOrEqual(32);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(loadServerConfig({ MAMORU_DATA_DIR: dataDir }).jwtSecret).toBe(first.jwtSecret);
    // An explicit secret wins over the file.
    expect(loadServerConfig({ MAMORU_DATA_DIR: dataDir, MAMORU_JWT_SECRET: SECRET }).jwtSecret).toBe(SECRET);
  });

  it('refuses a secret file that is too short', () => {
    fs.mkdirSync(path.join(dataDir, 'server'));
    fs.writeFileSync(path.join(dataDir, 'server', 'jwt-secret'), 'abc\n');
    expect(() => loadServerConfig({ MAMORU_DATA_DIR: dataDir })).toThrow(/shorter than 32/);
  });
});
