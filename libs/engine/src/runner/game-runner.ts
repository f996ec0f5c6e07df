import { attackJobId, tickJobId } from '@mamoru/contracts';
import type { GameState, Inject, NewEvent, Scenario } from '@mamoru/domain';
import {
  gameMsAt,
  injectById,
  injectsDueAt,
  injectTargetsTeam,
  MS_PER_MINUTE,
  newEvent,
  wallMsWhen,
} from '@mamoru/domain';
import type { BotTeam } from '../bots/bot-team';
import type { GameContext } from '../game/game-context';
import type { GameQueues } from '../queues/game-queues';

export interface TeamRegistration {
  teamId: string;
  name: string;
  alliance?: string;
}

/** The events that open a game: its scenario and seed, then its teams in order. */
export function gameCreationEvents(
  gameId: string,
  scenario: Scenario,
  seed: number,
  teams: TeamRegistration[],
): NewEvent[] {
  return [
    newEvent('game.created', { gameId, seed, scenario }, 'game.created', 0),
    ...teams.map((t, i) =>
      newEvent(
        'team.registered',
        { teamId: t.teamId, name: t.name, number: i + 1, alliance: t.alliance },
        `team:${t.teamId}`,
        0,
      ),
    ),
  ];
}

export interface TickTiming {
  tick: number;
  /** Wall time the tick job took. */
  wallMs: number;
  /** How late the tick started against the wall time its game time came (0 in fast-forward or on time). */
  lagMs: number;
}

export interface RunOptions {
  /** Fast-forward: advance to the next tick as soon as the previous one is done. */
  fast: boolean;
  /** Game seconds per wall second, for the `clock.started` the runner appends when the clock is new. */
  speed: number;
  bots: BotTeam[];
  /** Called after every closed tick with the folded state. */
  onTick?: (state: GameState, timing: TickTiming) => void | Promise<void>;
  /** Stops the loop early (Ctrl-C, leadership lost): the game is left running and can be resumed. */
  signal?: AbortSignal;
  /**
   * While waiting, how often the clock is re-read from the log (default 200 ms). Clock events
   * appended by another process are seen this late at most; `wake()` makes it at once.
   */
  pollMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/** Only `run` of the queues is used: tests may run jobs in-process. */
export type JobRunner = Pick<GameQueues, 'run'>;

const DEFAULT_POLL_MS = 200;

/**
 * The clock leader's loop (game-model §3, order inside a minute): for game minute m = N-1 it
 * delivers the inbox injects due, runs the attacks due (as jobs, awaited), lets the bots act, then
 * at the boundary enqueues tick N and waits for it. A tick that overruns delays the next one; none
 * is ever skipped. A game resumed after a crash continues after its last closed tick.
 *
 * In real time the loop follows the game clock of the log (architecture principle 4): each step
 * waits until the clock's game time reaches it, so a pause stops everything (no inject, attack,
 * bot action or tick) and a speed change moves the rest of the game. The timeline is read afresh
 * every minute, so organisers' skips, reschedules and hand firings take effect. An organiser's
 * stop (`game.ended`) ends the loop.
 */
export class GameRunner {
  private wakes = 0;
  private readonly sleepers = new Set<() => void>();
  private running = false;

  constructor(
    private readonly ctx: GameContext,
    private readonly queues: JobRunner,
  ) {}

  /** Re-read the clock now: called after appending a clock event or a stop, so it takes effect at once. */
  wake(): void {
    this.wakes++;
    for (const resume of [...this.sleepers]) resume();
  }

  async run(options: RunOptions): Promise<GameState> {
    if (this.running) throw new Error(`the runner of game "${this.ctx.gameId}" is already running`);
    this.running = true;
    try {
      return await this.loop(options);
    } finally {
      this.running = false;
    }
  }

  /**
   * Fires an inject now, after the server appended `inject.fired`: an inbox inject is delivered to
   * its teams, an attack runs on every targeted team (awaited). The keys and job ids are those of
   * the scheduled firing, so an inject reaches a team at most once.
   */
  async fireNow(injectId: string, atMinute: number): Promise<void> {
    const state = await this.ctx.projection.current();
    const inject = injectById(state.scenario!, injectId);
    if (!inject) throw new Error(`no inject "${injectId}" in the timeline of game "${this.ctx.gameId}"`);
    // A tick may have closed since the organiser asked: its minute is settled, so the facts go after it.
    const minute = Math.max(atMinute, state.tick);
    if (inject.kind === 'attack') {
      await Promise.all(targetedTeams(state, inject).map((teamId) => this.runAttack(inject.id, teamId, minute)));
    } else {
      await this.appendDeliveries([inject], state, minute);
    }
  }

  private async loop(options: RunOptions): Promise<GameState> {
    const { store, gameId, projection } = this.ctx;
    const now = options.now ?? Date.now;
    let state = await projection.current();
    const scenario = state.scenario!;
    if (state.clock.status === 'created') {
      // The wall time is the runner's own, so that its clock and its waits agree.
      await store.append(gameId, [
        { ...newEvent('clock.started', { speed: options.speed }, 'clock.started', 0), wallMs: now() },
      ]);
      state = await projection.current();
    }

    for (let tick = state.tick + 1; tick <= scenario.durationMinutes; tick++) {
      const minute = tick - 1;
      const atMinute = await this.waitFor(minute * MS_PER_MINUTE, options);
      if (!atMinute) return this.stopped(state);
      state = atMinute;
      await this.appendDeliveries(
        injectsDueAt(state, minute).filter((i) => i.kind !== 'attack'),
        state,
        minute,
      );
      await this.runAttacks(state, minute);

      const forBots = await this.waitFor(minute * MS_PER_MINUTE, options);
      if (!forBots) return this.stopped(state);
      state = forBots;
      for (const bot of options.bots) {
        await bot.act(minute, state).catch(() => undefined); // a bot's refused action is its own problem
      }

      const atBoundary = await this.waitFor(tick * MS_PER_MINUTE, options);
      if (!atBoundary) return this.stopped(state);
      state = atBoundary;
      const started = now();
      const due = options.fast ? started : (wallMsWhen(state.clock, tick * MS_PER_MINUTE) ?? started);
      await this.queues.run('tick.score', { gameId, tick }, tickJobId(gameId, tick));
      state = await projection.current();
      await options.onTick?.(state, { tick, wallMs: now() - started, lagMs: Math.max(0, started - due) });
    }
    if (!state.ended) {
      await store.append(gameId, [
        {
          ...newEvent(
            'game.ended',
            { atMinute: scenario.durationMinutes },
            'game.ended',
            scenario.durationMinutes * MS_PER_MINUTE,
          ),
          wallMs: now(),
        },
      ]);
      state = await projection.current();
    }
    return state;
  }

  /**
   * Waits until the game clock reaches `gameMs` (fast-forward: only while paused) and returns the
   * fresh state, or undefined when the loop must stop: aborted, or the game was ended.
   */
  private async waitFor(gameMs: number, options: RunOptions): Promise<GameState | undefined> {
    const now = options.now ?? Date.now;
    const pollMs = options.pollMs ?? DEFAULT_POLL_MS;
    for (;;) {
      const wakes = this.wakes;
      if (options.signal?.aborted) return undefined;
      const state = await this.ctx.projection.current();
      if (state.ended) return undefined;
      const { clock } = state;
      if (clock.status === 'running' && (options.fast || gameMsAt(clock, now()) >= gameMs)) return state;
      // Running: wake when the game time comes. Either way look again within pollMs, for clock
      // events appended by other processes (they cannot call wake()).
      const dueWall = clock.status === 'running' && !options.fast ? wallMsWhen(clock, gameMs) : undefined;
      const wait = dueWall === undefined ? pollMs : Math.min(pollMs, Math.max(1, Math.ceil(dueWall - now())));
      await this.nap(wait, wakes, options);
    }
  }

  /** The state to return when the loop stops early: the latest, so that an ended game says so. */
  private async stopped(last: GameState): Promise<GameState> {
    return this.ctx.projection.current().catch(() => last);
  }

  /** Sleeps `ms`, or less when woken (`wake()` since `wakesSeen`) or aborted. */
  private nap(ms: number, wakesSeen: number, options: RunOptions): Promise<void> {
    const { signal } = options;
    if (this.wakes !== wakesSeen || signal?.aborted) return Promise.resolve();
    return new Promise<void>((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const resume = () => {
        if (timer) clearTimeout(timer);
        this.sleepers.delete(resume);
        signal?.removeEventListener('abort', resume);
        resolve();
      };
      this.sleepers.add(resume);
      signal?.addEventListener('abort', resume, { once: true });
      if (options.sleep) void options.sleep(ms).then(resume, resume);
      else timer = setTimeout(resume, ms);
    });
  }

  /** One `inject.delivered` per targeted team, injects in timeline order, appended in one batch. */
  private async appendDeliveries(injects: Inject[], state: GameState, minute: number): Promise<void> {
    const events: NewEvent[] = [];
    for (const inject of injects) {
      if (inject.kind === 'attack') continue;
      for (const teamId of targetedTeams(state, inject)) {
        events.push(
          newEvent(
            'inject.delivered',
            { injectId: inject.id, teamId, kind: inject.kind, unit: inject.unit, atMinute: minute },
            `inject:${inject.id}:${teamId}`,
            minute * MS_PER_MINUTE,
          ),
        );
      }
    }
    if (events.length > 0) await this.ctx.store.append(this.ctx.gameId, events);
  }

  /**
   * The same attack fires at the same game time for every targeted team, concurrently. A team
   * facing several attacks in one minute takes them one after another in timeline order, so its
   * facts (and ledger) come in the same order on every run.
   */
  private async runAttacks(state: GameState, minute: number): Promise<void> {
    const due = injectsDueAt(state, minute).filter((i) => i.kind === 'attack');
    if (due.length === 0) return;
    await Promise.all(
      state.teamOrder.map(async (teamId) => {
        for (const inject of due) {
          if (injectTargetsTeam(inject, state.teams[teamId].number)) await this.runAttack(inject.id, teamId, minute);
        }
      }),
    );
  }

  private async runAttack(injectId: string, teamId: string, minute: number): Promise<void> {
    const { gameId } = this.ctx;
    await this.queues.run(
      'attack.run',
      { gameId, injectId, teamId, atMinute: minute },
      attackJobId(gameId, injectId, teamId),
    );
  }
}

function targetedTeams(state: GameState, inject: Inject): string[] {
  return state.teamOrder.filter((teamId) => injectTargetsTeam(inject, state.teams[teamId].number));
}
