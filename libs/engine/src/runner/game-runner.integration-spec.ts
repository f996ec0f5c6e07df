import type { JobName, JobPayload } from '@mamoru/contracts';
import type { GameEventType, NewEvent, StoredEvent } from '@mamoru/domain';
import { MS_PER_MINUTE, newEvent } from '@mamoru/domain';
import { AttackExecutor } from '../attacks/attack-executor';
import type { EngineFixture } from '../testing/engine-fixture';
import { closeSharedStore, engineFixture, engineTestScenario } from '../testing/engine-fixture';
import { TickScorer } from '../ticks/tick-scorer';
import type { JobRunner, TickTiming } from './game-runner';
import { GameRunner } from './game-runner';

/**
 * The runner against the game clock of the log, on a fake wall clock: the runner's waits advance
 * it, and organiser actions (pause, speed, stop, timeline changes) are appended at chosen wall
 * times, the way the game server appends them. Jobs run in-process (tick scorer, attack executor).
 */

/** A wall clock that moves only when the runner sleeps; `at` appends organiser events on the way. */
class FakeWallClock {
  ms = 0;
  private readonly hooks: { atMs: number; run: () => Promise<void> }[] = [];

  readonly now = () => this.ms;

  at(atMs: number, run: () => Promise<void>): void {
    this.hooks.push({ atMs, run });
    this.hooks.sort((a, b) => a.atMs - b.atMs);
  }

  /** Sleeps; an organiser action during the sleep ends it early, as `wake()` does on the server. */
  readonly sleep = async (ms: number) => {
    const until = this.ms + ms;
    const hook = this.hooks[0];
    if (hook && hook.atMs <= until) {
      this.hooks.shift();
      this.ms = Math.max(this.ms, hook.atMs);
      await hook.run();
      return;
    }
    this.ms = until;
  };
}

const scenario = engineTestScenario({
  duration: '00:05',
  attacks: [
    {
      id: 'look',
      name: { ja: '偵察', en: 'Look around' },
      steps: [{ request: { path: '/' }, expect: { status: 200 } }],
    },
  ],
  timeline: [
    {
      id: 'ask',
      at: '00:01',
      kind: 'inquiry',
      subject: { ja: '質問', en: 'Question' },
      body: { ja: '本文', en: 'Body' },
      response: {
        points: 10,
        deadlineMinutes: 5,
        rubric: [{ id: 'a', text: { ja: 'a', en: 'a' }, keywords: ['delivery'] }],
      },
    },
    {
      id: 'note',
      at: '00:02',
      kind: 'notice',
      subject: { ja: 'お知らせ', en: 'Notice' },
      body: { ja: '本文', en: 'Body' },
    },
    { id: 'probe', at: '00:03', kind: 'attack', attack: 'look' },
  ],
});

describe('GameRunner', () => {
  let fx: EngineFixture;
  let runner: GameRunner;
  let wall: FakeWallClock;
  let jobs: string[];
  /** Called inside each tick job, before it is scored. */
  let duringTick: (tick: number) => void;
  let game = 0;

  beforeEach(async () => {
    fx = await engineFixture(`runner-${++game}`, 2, scenario);
    wall = new FakeWallClock();
    jobs = [];
    duringTick = () => undefined;
    const scorer = new TickScorer(fx.ctx, { publish: async () => undefined });
    const attacks = new AttackExecutor(fx.ctx);
    const queues = {
      async run<N extends JobName>(name: N, payload: JobPayload<N>, jobId: string) {
        jobs.push(jobId);
        if (name === 'attack.run') return attacks.execute(payload as JobPayload<'attack.run'>);
        const { tick } = payload as JobPayload<'tick.score'>;
        duringTick(tick);
        return scorer.scoreTick(tick);
      },
    } as JobRunner;
    runner = new GameRunner(fx.ctx, queues);
  });

  afterEach(async () => {
    await fx.close();
  });

  afterAll(async () => {
    await closeSharedStore();
  });

  const log = () => fx.store.read(fx.ctx.gameId);
  const appendAt = (wallMs: number, event: NewEvent) => fx.store.append(fx.ctx.gameId, [{ ...event, wallMs }]);
  const organiser = (wallMs: number, type: GameEventType, data: object, key: string) =>
    wall.at(wallMs, async () => {
      await appendAt(wallMs, newEvent(type, data as never, key, 0));
    });

  /** Runs in real time at `speed` on the fake clock; returns the wall time at which each tick closed. */
  async function runRealTime(speed: number) {
    const closed: Record<number, number> = {};
    const timings: TickTiming[] = [];
    const final = await runner.run({
      fast: false,
      speed,
      bots: [],
      now: wall.now,
      sleep: wall.sleep,
      onTick: (state, timing) => {
        closed[timing.tick] = wall.ms;
        timings.push(timing);
      },
    });
    return { final, closed, timings };
  }

  const types = (events: StoredEvent[]) => events.map((e) => e.type);

  it('starts the clock at the given speed and closes each tick when its game time comes', async () => {
    const { final, closed, timings } = await runRealTime(60); // one game minute per wall second
    expect(closed).toEqual({ 1: 1000, 2: 2000, 3: 3000, 4: 4000, 5: 5000 });
    expect(timings.map((t) => t.lagMs)).toEqual([0, 0, 0, 0, 0]);
    expect(final).toMatchObject({ tick: 5, ended: true });
    const events = await log();
    expect(events.find((e) => e.type === 'clock.started')).toMatchObject({ data: { speed: 60 }, wallMs: 0 });
    expect(events.filter((e) => e.type === 'game.ended')).toHaveLength(1);
    const g = fx.ctx.gameId;
    expect(jobs).toEqual([
      `tick-${g}-1`,
      `tick-${g}-2`,
      `tick-${g}-3`,
      `attack-${g}-probe-team-1`,
      `attack-${g}-probe-team-2`,
      `tick-${g}-4`,
      `tick-${g}-5`,
    ]);
  });

  it('does nothing while the clock is paused, and carries on where the game time stood once resumed', async () => {
    organiser(2500, 'clock.paused', { by: 'org' }, 'pause-1'); // game 02:30
    organiser(60_000, 'clock.resumed', { by: 'org' }, 'resume-1');
    const { closed } = await runRealTime(60);
    // Tick 3 closes game 03:00, half a game minute after the resume.
    expect(closed).toEqual({ 1: 1000, 2: 2000, 3: 60_500, 4: 61_500, 5: 62_500 });
    const events = await log();
    const paused = events.findIndex((e) => e.type === 'clock.paused');
    const resumed = events.findIndex((e) => e.type === 'clock.resumed');
    expect(resumed).toBe(paused + 1); // no inject, attack or tick in between
  });

  it('follows a speed change for the rest of the game', async () => {
    organiser(1500, 'clock.speed-changed', { speed: 600, by: 'org' }, 'speed-1'); // game 01:30, then 10 game minutes a second
    const { closed } = await runRealTime(60);
    expect(closed).toEqual({ 1: 1000, 2: 1550, 3: 1650, 4: 1750, 5: 1850 });
  });

  it('reports how late a tick started against its game time', async () => {
    duringTick = (tick) => {
      if (tick === 2) wall.ms += 1700; // tick 2 overruns into minute 3
    };
    const { closed, timings } = await runRealTime(60);
    expect(closed).toEqual({ 1: 1000, 2: 3700, 3: 3700, 4: 4000, 5: 5000 });
    expect(timings.map((t) => t.lagMs)).toEqual([0, 0, 700, 0, 0]);
  });

  it('stops when an organiser ends the game, without another tick or game.ended', async () => {
    wall.at(2500, async () => {
      await appendAt(2500, newEvent('game.ended', { atMinute: 2, by: 'org' }, 'game.ended', 2 * MS_PER_MINUTE));
    });
    const { final } = await runRealTime(60);
    expect(final).toMatchObject({ tick: 2, ended: true });
    expect(jobs).toEqual([`tick-${fx.ctx.gameId}-1`, `tick-${fx.ctx.gameId}-2`]);
    expect((await log()).filter((e) => e.type === 'game.ended')).toHaveLength(1);
  });

  it('wakes at once when told, however long it meant to wait', async () => {
    await appendAt(Date.now(), newEvent('clock.started', { speed: 1 }, 'clock.started', 0));
    const run = runner.run({ fast: false, speed: 1, bots: [], pollMs: 60_000 });
    await new Promise((resolve) => setTimeout(resolve, 100)); // waiting for game minute 1
    await appendAt(Date.now(), newEvent('game.ended', { atMinute: 0, by: 'org' }, 'game.ended', 0));
    const woken = Date.now();
    runner.wake();
    expect(await run).toMatchObject({ tick: 0, ended: true });
    expect(Date.now() - woken).toBeLessThan(5000);
  });

  it('returns when aborted, leaving the game running', async () => {
    const abort = new AbortController();
    wall.at(2500, async () => abort.abort());
    const final = await runner.run({
      fast: false,
      speed: 60,
      bots: [],
      now: wall.now,
      sleep: wall.sleep,
      signal: abort.signal,
    });
    expect(final).toMatchObject({ tick: 2, ended: false });
  });

  it('follows the timeline as organisers left it: skipped, rescheduled, fired by hand', async () => {
    await fx.store.append(fx.ctx.gameId, [
      newEvent('inject.skipped', { injectId: 'note', by: 'org', atMinute: 0 }, 'org:skip-note', 0),
      newEvent('inject.rescheduled', { injectId: 'ask', toMinute: 4, by: 'org', atMinute: 0 }, 'org:move-ask', 0),
      newEvent('inject.fired', { injectId: 'probe', by: 'org', atMinute: 0 }, 'org:fire-probe', 0),
    ]);
    await runner.fireNow('probe', 0);
    expect(jobs).toEqual([`attack-${fx.ctx.gameId}-probe-team-1`, `attack-${fx.ctx.gameId}-probe-team-2`]);
    await runner.run({ fast: true, speed: 1, bots: [] });

    const events = await log();
    const delivered = events.filter((e) => e.type === 'inject.delivered');
    expect(delivered.map((e) => [e.data.injectId, e.data.teamId, e.data.atMinute])).toEqual([
      ['ask', 'team-1', 4],
      ['ask', 'team-2', 4],
    ]);
    const attacks = events.filter((e) => e.type === 'attack.finished');
    expect(attacks.map((e) => [e.data.teamId, e.data.atMinute, e.data.outcome])).toEqual([
      ['team-1', 0, 'succeeded'],
      ['team-2', 0, 'succeeded'],
    ]);
    expect(jobs.filter((id) => id.startsWith('attack-'))).toHaveLength(2); // not again at 00:03
  });

  it('delivers an inbox inject fired by hand at once, and only once', async () => {
    await appendAt(0, newEvent('clock.started', { speed: 1 }, 'clock.started', 0));
    await runner.fireNow('ask', 0);
    await runner.fireNow('ask', 0);
    await runner.run({ fast: true, speed: 1, bots: [] }); // its scheduled delivery at 00:01 finds the keys taken
    const delivered = (await log()).filter((e) => e.type === 'inject.delivered' && e.data.injectId === 'ask');
    expect(delivered.map((e) => [e.key, e.gameMs])).toEqual([
      ['inject:ask:team-1', 0],
      ['inject:ask:team-2', 0],
    ]);
    await expect(runner.fireNow('nope', 0)).rejects.toThrow(/no inject "nope"/);
  });

  it('waits out a pause in fast-forward too, and never runs twice at once', async () => {
    await appendAt(0, newEvent('clock.started', { speed: 1 }, 'clock.started', 0));
    await appendAt(0, newEvent('clock.paused', { by: 'org' }, 'pause-1', 0));
    const run = runner.run({ fast: true, speed: 1, bots: [], pollMs: 20 });
    await expect(runner.run({ fast: true, speed: 1, bots: [] })).rejects.toThrow(/already running/);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(types(await log())).not.toContain('tick.closed');
    await appendAt(Date.now(), newEvent('clock.resumed', { by: 'org' }, 'resume-1', 0));
    expect(await run).toMatchObject({ tick: 5, ended: true });
  });
});
