import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { AccessLog, formatAccessLine } from './access-log';
import { makeDataDir } from './testing/test-shop';

describe('access log', () => {
  it('cannot be forged with control characters', () => {
    const line = formatAccessLine({
      at: new Date('2026-01-01T00:00:00Z'),
      method: 'GET',
      target: '/x\n2026-01-01T00:00:00.000Z GET /admin 200 1.2.3.4',
      status: 200,
      remoteAddress: '127.0.0.1',
    });
    expect(line).not.toContain('\n');
    expect(line).toBe(
      '2026-01-01T00:00:00.000Z GET /x\\x0a2026-01-01T00:00:00.000Z GET /admin 200 1.2.3.4 200 127.0.0.1',
    );
  });

  it('keeps the last 1000 lines in memory and every line in access.log', async () => {
    const dataDir = makeDataDir();
    try {
      const log = new AccessLog(dataDir);
      for (let i = 0; i < 1005; i++) {
        log.append({ at: new Date(), method: 'GET', target: `/${i}`, status: 200, remoteAddress: '::1' });
      }
      expect(log.recent(5000)).toHaveLength(1000);
      expect(log.recent(2).map((line) => line.split(' ')[2])).toEqual(['/1003', '/1004']);
      expect(log.recent(0)).toEqual([]);
      await log.close();
      expect(readFileSync(join(dataDir, 'access.log'), 'utf8').trim().split('\n')).toHaveLength(1005);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
