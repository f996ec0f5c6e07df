import { resolve } from 'node:path';
import { loadWorkerConfig } from './worker-config';

const DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test';

describe('the scoring worker’s environment', () => {
  it('serves one game, with its shops from the data directory or MAMORU_SANDBOXES', () => {
    expect(loadWorkerConfig({ DATABASE_URL, MAMORU_GAME: 'classic-1', MAMORU_DATA_DIR: '/srv/mamoru' })).toEqual({
      databaseUrl: DATABASE_URL,
      redisUrl: 'redis://127.0.0.1:6379',
      game: { gameId: 'classic-1', sandboxesFile: '/srv/mamoru/games/classic-1/sandboxes.json' },
      dataDir: '/srv/mamoru',
      discoveryIntervalMs: 2000,
      stalledIntervalMs: undefined,
      lockDurationMs: undefined,
    });
    expect(loadWorkerConfig({ DATABASE_URL, MAMORU_GAME: 'classic-1', MAMORU_SANDBOXES: 'shops.json' }).game).toEqual({
      gameId: 'classic-1',
      sandboxesFile: resolve('shops.json'),
    });
  });

  it('serves every game it finds without MAMORU_GAME', () => {
    const config = loadWorkerConfig({ DATABASE_URL, MAMORU_DISCOVERY_INTERVAL_MS: '500' });
    expect(config).toMatchObject({ game: undefined, dataDir: resolve('.data'), discoveryIntervalMs: 500 });
  });

  it('names what is wrong', () => {
    expect(() => loadWorkerConfig({ DATABASE_URL, MAMORU_SANDBOXES: 'shops.json' })).toThrow(
      /MAMORU_SANDBOXES: names one game's shops: set MAMORU_GAME too/,
    );
    expect(() => loadWorkerConfig({ DATABASE_URL: 'file:x', MAMORU_GAME: 'Bad Id' })).toThrow(
      /DATABASE_URL: must be a postgres:\/\/ URL[\s\S]*MAMORU_GAME: must be a game id/,
    );
  });
});
