import type { EventData, GameEventType, StoredEvent } from '@mamoru/domain';
import { compileScenario, ScenarioFileSchema } from '@mamoru/domain';
import { auditEntry, AuditTrails } from './audit-trail';

const scenario = compileScenario(
  ScenarioFileSchema.parse({
    id: 'audit-test',
    title: { ja: '監査', en: 'Audit' },
    clockStartsAt: '09:00',
    products: [{ id: 'tea', name: { ja: '茶', en: 'Tea' }, listPriceYen: 2000, unitCostYen: 1000, initialStock: 10 }],
    demand: [{ at: '00:00', customersPerTick: 1 }],
  }),
);

function log() {
  const events: StoredEvent[] = [];
  const add = <T extends GameEventType>(type: T, data: EventData<T>, gameMs = 0) => {
    const seq = events.length + 1;
    events.push({
      type,
      v: 1,
      data,
      gameId: 'g1',
      seq,
      key: `k${seq}`,
      gameMs,
      wallMs: 1_000_000 + seq,
    } as StoredEvent);
  };
  add('game.created', { gameId: 'g1', seed: 1, scenario });
  add('team.registered', { teamId: 't1', name: 'One', number: 1 });
  add('clock.started', { speed: 1 }); // the runner's own start names nobody
  add('clock.paused', { by: 'alice', reason: 'fire drill' }, 125_000);
  add('clock.resumed', { by: 'alice' }, 125_000);
  add('response.submitted', { injectId: 'inq', teamId: 't1', text: 'hi', atMinute: 3 }, 180_000);
  add(
    'response.graded',
    { injectId: 'inq', teamId: 't1', grade: 0.755, by: 'gina', comment: '<script>x</script>', atMinute: 4 },
    240_000,
  );
  add('score.adjusted', {
    teamId: 't1',
    target: 'esc',
    amount: -50_000,
    reason: 'rule break',
    by: 'alice',
    atMinute: 5,
  });
  add('score.adjusted', { teamId: 't1', target: 'pr', amount: 5, reason: 'good statement', by: 'alice', atMinute: 5 });
  add('inject.rescheduled', { injectId: 'press', toMinute: 90, by: 'alice', atMinute: 6 });
  add('announcement.posted', { announcementId: 'a1', text: 'Lunch at "noon"', by: 'alice', atMinute: 7 });
  add('market.decided', { requestId: 'r1', teamId: 't1', approved: true, priceYen: 700_000, by: 'mo', atMinute: 8 });
  add('tick.closed', { tick: 9 }, 540_000);
  return { events, add };
}

describe('auditEntry', () => {
  it('lists only the events that name who did them, with what they did in story time', () => {
    const { events } = log();
    const entries = events.map((e) => auditEntry(e, scenario.clockStartsAtMinutes)).filter((e) => e !== undefined);
    expect(entries.map((e) => [e.type, e.by, e.atMinute, e.summary])).toEqual([
      ['clock.paused', 'alice', 2, 'paused the game'],
      ['clock.resumed', 'alice', 2, 'resumed the game'],
      ['response.graded', 'gina', 4, 'graded the response of t1 to inq: 75.5%, "<script>x</script>"'],
      ['score.adjusted', 'alice', 5, 'adjusted the ESC of t1 by −¥50,000'],
      ['score.adjusted', 'alice', 5, 'adjusted the pr score of t1 by +5 points'],
      ['inject.rescheduled', 'alice', 6, 'moved inject press to 10:30'],
      ['announcement.posted', 'alice', 7, 'announced "Lunch at \\"noon\\""'],
      ['market.decided', 'mo', 8, 'approved marketplace request r1 of t1 (¥700,000)'],
    ]);
    expect(entries[0]).toMatchObject({ seq: 4, wallMs: 1_000_004, reason: 'fire drill' });
    expect(entries[1].reason).toBeUndefined();
  });
});

describe('AuditTrails', () => {
  function reader(events: StoredEvent[]) {
    const calls: number[] = [];
    const read = async (_gameId: string, range: { afterSeq: number; toSeq: number; limit: number }) => {
      calls.push(range.afterSeq);
      return events.filter((e) => e.seq > range.afterSeq && e.seq <= range.toSeq).slice(0, range.limit);
    };
    return { read, calls };
  }

  it('pages the trail and reads only what was appended since', async () => {
    const { events, add } = log();
    const { read, calls } = reader(events);
    const trails = new AuditTrails(read, { readChunk: 4 });
    const first = await trails.page('g1', events.length, 0, 3);
    expect(first.entries.map((e) => e.seq)).toEqual([4, 5, 7]);
    expect(first.nextAfterSeq).toBe(7);
    const rest = await trails.page('g1', events.length, first.nextAfterSeq!, 100);
    expect(rest.entries.map((e) => e.type)).toEqual([
      'score.adjusted',
      'score.adjusted',
      'inject.rescheduled',
      'announcement.posted',
      'market.decided',
    ]);
    expect(rest.nextAfterSeq).toBeUndefined();
    expect(calls).toEqual([0, 4, 8, 12]);

    const seen = events.length;
    add('board.frozen', { by: 'alice', atMinute: 420 });
    calls.length = 0;
    const latest = await trails.page('g1', events.length, 12, 100);
    expect(calls).toEqual([seen]);
    expect(latest).toMatchObject({
      seq: events.length,
      entries: [{ type: 'board.frozen', summary: 'froze the public board' }],
    });
  });
});
