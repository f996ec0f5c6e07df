import type { EventData, GameEventType, StoredEvent } from '../events/events';
import type { Scenario } from '../scenario/scenario';
import { MS_PER_MINUTE } from '../time/game-time';

export const TEST_GAME_ID = 'game-test';
export const TEST_WALL_START_MS = Date.UTC(2025, 5, 1, 0, 0, 0);

/** Per-event overrides of what the builder derives. */
export interface EventPlacement {
  /** Game time in ms; by default derived from `atMinute`/`tick`, else the previous event's. */
  gameMs?: number;
  key?: string;
}

type CrawlData = EventData<'crawl.observed'>;

/**
 * Builds a stored event log the way the event store hands it out: consecutive `seq` from 1,
 * game time from the payload (`atMinute` → half past that minute, `tick` N → the boundary N:00,
 * where tick N's crawl and close happen), wall time at speed 1 from `TEST_WALL_START_MS`, and a
 * natural idempotency key, unique in the log. Game time never goes backwards, as in a real log.
 */
export class LogBuilder {
  readonly events: StoredEvent[] = [];
  private gameMs = 0;
  private scenario: Scenario | undefined;
  private readonly keys = new Set<string>();

  constructor(private readonly gameId = TEST_GAME_ID) {}

  add<T extends GameEventType>(type: T, data: EventData<T>, placement: EventPlacement = {}): StoredEvent {
    const gameMs = Math.max(this.gameMs, placement.gameMs ?? defaultGameMs(type, data) ?? this.gameMs);
    this.gameMs = gameMs;
    const seq = this.events.length + 1;
    // A natural key seen before (an attack run twice, a team registered twice) gets the seq appended,
    // so that a built log never holds a key twice, as the store guarantees.
    let key = placement.key ?? naturalKey(type, data, seq);
    if (this.keys.has(key)) key = `${key}:${seq}`;
    this.keys.add(key);
    const event = {
      type,
      v: 1,
      data,
      gameId: this.gameId,
      seq,
      key,
      gameMs,
      wallMs: TEST_WALL_START_MS + gameMs,
    } as StoredEvent;
    this.events.push(event);
    return event;
  }

  // ----- shorthands for the common events -----

  created(scenario: Scenario, seed = scenario.seed): this {
    this.scenario = scenario;
    this.add('game.created', { gameId: this.gameId, seed, scenario });
    return this;
  }

  team(teamId: string, name: string, number: number, alliance?: string): this {
    this.add('team.registered', alliance === undefined ? { teamId, name, number } : { teamId, name, number, alliance });
    return this;
  }

  start(speed = 1): this {
    this.add('clock.started', { speed });
    return this;
  }

  /** Delivers an inbox inject of the scenario given to `created()`; kind and unit come from it. */
  deliver(injectId: string, teamId: string, atMinute: number): this {
    const inject = this.scenario?.timeline.find((i) => i.id === injectId);
    if (!inject) throw new Error(`no inject ${injectId} in the scenario given to created()`);
    this.add('inject.delivered', { injectId, teamId, kind: inject.kind, unit: inject.unit, atMinute });
    return this;
  }

  /** A crawl fact; unspecified fields describe a quiet, healthy minute with no customers. */
  crawl(teamId: string, tick: number, fact: Partial<Omit<CrawlData, 'teamId' | 'tick'>> = {}): this {
    this.add('crawl.observed', {
      tick,
      teamId,
      potential: 0,
      referenceYen: 0,
      outcomes: {},
      orders: [],
      probe: 'ok',
      ...fact,
    });
    return this;
  }

  close(tick: number): this {
    this.add('tick.closed', { tick });
    return this;
  }

  /** Quiet healthy ticks `from`..`to` for every team: a crawl fact per team, then the close. */
  quietTicks(teamIds: readonly string[], from: number, to: number): this {
    for (let tick = from; tick <= to; tick++) {
      for (const teamId of teamIds) this.crawl(teamId, tick);
      this.close(tick);
    }
    return this;
  }

  build(): StoredEvent[] {
    return [...this.events];
  }
}

export function logBuilder(gameId = TEST_GAME_ID): LogBuilder {
  return new LogBuilder(gameId);
}

function defaultGameMs(type: GameEventType, data: unknown): number | undefined {
  const payload = data as { atMinute?: number; tick?: number };
  if (type === 'crawl.observed' || type === 'tick.closed') return (payload.tick ?? 0) * MS_PER_MINUTE;
  if (type === 'inject.delivered' || type === 'attack.finished') return (payload.atMinute ?? 0) * MS_PER_MINUTE;
  if (typeof payload.atMinute === 'number') return payload.atMinute * MS_PER_MINUTE + MS_PER_MINUTE / 2;
  return undefined;
}

function naturalKey(type: GameEventType, data: unknown, seq: number): string {
  const { teamId, tick, injectId } = data as { teamId?: string; tick?: number; injectId?: string };
  if (type === 'game.created') return 'created';
  if (type === 'team.registered') return `team:${teamId}`;
  if (type === 'crawl.observed') return `crawl:${teamId}:${tick}`;
  if (type === 'tick.closed') return `tick:${tick}`;
  if (type === 'inject.delivered') return `inject:${injectId}:${teamId}`;
  if (type === 'attack.finished') return `attack:${injectId}:${teamId}`;
  return `${type}:${seq}`;
}

/** The same events with `seq` renumbered 1..n in array order (after inserting or removing some). */
export function renumber(events: readonly StoredEvent[]): StoredEvent[] {
  return events.map((event, index) => ({ ...event, seq: index + 1 }));
}
