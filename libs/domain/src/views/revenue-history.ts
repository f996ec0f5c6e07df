import type { StoredEvent } from '../events/events';
import { foldEventsInPlace } from '../fold/fold';
import type { GameState } from '../fold/state';
import { emptyGameState } from '../fold/state';

/** Revenue per team after each closed tick: the board's chart, rebuilt from the log. */
export interface RevenueHistory {
  teams: { teamId: string; name: string }[];
  /** Closed ticks, in order. */
  ticks: number[];
  /** Per team (in `teams` order), revenue in yen after each tick of `ticks`. */
  revenueYen: number[][];
}

interface Point {
  tick: number;
  seq: number;
  revenue: Record<string, number>;
}

/**
 * Keeps the revenue of every team after every closed tick, folding the log as it grows (its own
 * state: the cost is the new events only). `upTo(seq)` cuts the history at a seq, so a frozen board
 * shows nothing after its freeze.
 */
export class RevenueHistoryProjection {
  private readonly state: GameState = emptyGameState();
  private readonly points: Point[] = [];

  get seq(): number {
    return this.state.seq;
  }

  apply(events: readonly StoredEvent[]): void {
    for (const event of events) {
      foldEventsInPlace(this.state, [event]);
      if (event.type !== 'tick.closed') continue;
      const revenue: Record<string, number> = {};
      for (const id of this.state.teamOrder) revenue[id] = this.state.teams[id].revenueYen;
      this.points.push({ tick: event.data.tick, seq: event.seq, revenue });
    }
  }

  upTo(seq = Number.MAX_SAFE_INTEGER): RevenueHistory {
    const points = this.points.filter((p) => p.seq <= seq);
    const teams = this.state.teamOrder.map((id) => ({ teamId: id, name: this.state.teams[id].name }));
    return {
      teams,
      ticks: points.map((p) => p.tick),
      revenueYen: teams.map((t) => points.map((p) => p.revenue[t.teamId] ?? 0)),
    };
  }
}
