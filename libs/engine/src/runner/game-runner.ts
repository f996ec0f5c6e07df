import { attackJobId, tickJobId } from '@mamoru/contracts';
import type { GameState, NewEvent, Scenario } from '@mamoru/domain';
import { injectTargetsTeam, MS_PER_MINUTE, newEvent } from '@mamoru/domain';
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
  /** How late the tick started against its wall-clock slot (0 in fast-forward or on time). */
  lagMs: number;
}

export interface RunOptions {
  /** Fast-forward: advance to the next tick as soon as the previous one is done. */
  fast: boolean;
  /** Game seconds per wall second when not fast. */
  speed: number;
  bots: BotTeam[];
  /** Called after every closed tick with the folded state. */
  onTick?: (state: GameState, timing: TickTiming) => void | Promise<void>;
  /** Stops the loop early (Ctrl-C): the game is left running and can be resumed. */
  signal?: AbortSignal;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * The clock leader's loop (game-model §3, order inside a minute): for game minute m = N-1 it
 * delivers the inbox injects due, runs the attacks due (as jobs, awaited), lets the bots act, then
 * at the boundary enqueues tick N and waits for it. A tick that overruns delays the next one; none
 * is ever skipped. A game resumed after a crash continues after its last closed tick.
 */
export class GameRunner {
  constructor(
    private readonly ctx: GameContext,
    private readonly queues: GameQueues,
  ) {}

  async run(options: RunOptions): Promise<GameState> {
    const { store, gameId, projection } = this.ctx;
    const now = options.now ?? Date.now;
    const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
    let state = await projection.current();
    const scenario = state.scenario!;
    if (state.clock.status === 'created') {
      await store.append(gameId, [newEvent('clock.started', { speed: options.speed }, 'clock.started', 0)]);
    }
    const wallStart = now();
    const firstTick = state.tick + 1;
    const wallAtMinute = (minute: number) => wallStart + ((minute - (firstTick - 1)) * MS_PER_MINUTE) / options.speed;

    for (let tick = firstTick; tick <= scenario.durationMinutes; tick++) {
      if (options.signal?.aborted) return state;
      const minute = tick - 1;
      if (!options.fast) await sleepUntil(wallAtMinute(minute), now, sleep);
      await this.deliverInbox(scenario, state, minute);
      await this.runAttacks(scenario, state, minute);
      state = await projection.current();
      for (const bot of options.bots) {
        await bot.act(minute, state).catch(() => undefined); // a bot's refused action is its own problem
      }
      if (!options.fast) await sleepUntil(wallAtMinute(tick), now, sleep);
      const started = now();
      const lagMs = options.fast ? 0 : Math.max(0, started - wallAtMinute(tick));
      await this.queues.run('tick.score', { gameId, tick }, tickJobId(gameId, tick));
      state = await projection.current();
      await options.onTick?.(state, { tick, wallMs: now() - started, lagMs });
    }
    if (!state.ended) {
      await store.append(gameId, [
        newEvent(
          'game.ended',
          { atMinute: scenario.durationMinutes },
          'game.ended',
          scenario.durationMinutes * MS_PER_MINUTE,
        ),
      ]);
      state = await projection.current();
    }
    return state;
  }

  private async deliverInbox(scenario: Scenario, state: GameState, minute: number): Promise<void> {
    const events: NewEvent[] = [];
    for (const inject of scenario.timeline) {
      if (inject.atMinute !== minute || inject.kind === 'attack') continue;
      for (const teamId of state.teamOrder) {
        if (!injectTargetsTeam(inject, state.teams[teamId].number)) continue;
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
  private async runAttacks(scenario: Scenario, state: GameState, minute: number): Promise<void> {
    const { gameId } = this.ctx;
    const due = scenario.timeline.filter((i) => i.atMinute === minute && i.kind === 'attack');
    if (due.length === 0) return;
    await Promise.all(
      state.teamOrder.map(async (teamId) => {
        for (const inject of due) {
          if (!injectTargetsTeam(inject, state.teams[teamId].number)) continue;
          await this.queues.run(
            'attack.run',
            { gameId, injectId: inject.id, teamId, atMinute: minute },
            attackJobId(gameId, inject.id, teamId),
          );
        }
      }),
    );
  }
}

async function sleepUntil(wallMs: number, now: () => number, sleep: (ms: number) => Promise<void>): Promise<void> {
  const wait = wallMs - now();
  if (wait > 0) await sleep(wait);
}
