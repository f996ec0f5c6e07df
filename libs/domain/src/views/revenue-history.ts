import type { StoredEvent } from '../events/events';
import { foldEventsInPlace } from '../fold/fold';
import type { GameState } from '../fold/state';
import { emptyGameState, TRUST_SCALE } from '../fold/state';

/** Revenue per team after each closed tick: the board's chart, rebuilt from the log. */
export interface RevenueHistory {
  teams: { teamId: string; name: string }[];
  /** Closed ticks, in order. */
  ticks: number[];
  /** Per team (in `teams` order), revenue in yen after each tick of `ticks`. */
  revenueYen: number[][];
}

/** One team's own figures after each closed tick: its dashboard's chart (never cut at the freeze). */
export interface TeamHistory {
  teamId: string;
  /** Closed ticks, in order; each list below has one value per tick. */
  ticks: number[];
  revenueYen: number[];
  cashYen: number[];
  /** 0-1. */
  trust: number[];
  downtimeMinutes: number[];
}

interface Figures {
  revenue: number;
  cash: number;
  trustMicro: number;
  downtime: number;
}

interface Point {
  tick: number;
  seq: number;
  teams: Record<string, Figures>;
}

/**
 * Keeps the figures of every team (revenue for the board; revenue, cash, trust and downtime for the
 * team's own chart) after every closed tick, folding the log as it grows (its own
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
      const teams: Record<string, Figures> = {};
      for (const id of this.state.teamOrder) {
        const team = this.state.teams[id];
        teams[id] = {
          revenue: team.revenueYen,
          cash: team.cashYen,
          trustMicro: team.trustMicro,
          downtime: team.downtimeMinutes,
        };
      }
      this.points.push({ tick: event.data.tick, seq: event.seq, teams });
    }
  }

  upTo(seq = Number.MAX_SAFE_INTEGER): RevenueHistory {
    const points = this.points.filter((p) => p.seq <= seq);
    const teams = this.state.teamOrder.map((id) => ({ teamId: id, name: this.state.teams[id].name }));
    return {
      teams,
      ticks: points.map((p) => p.tick),
      revenueYen: teams.map((t) => points.map((p) => p.teams[t.teamId]?.revenue ?? 0)),
    };
  }

  /** One team's figures after every closed tick (ticks before it was registered are left out). */
  team(teamId: string): TeamHistory {
    const points = this.points.filter((p) => p.teams[teamId] !== undefined);
    const figures = points.map((p) => p.teams[teamId]);
    return {
      teamId,
      ticks: points.map((p) => p.tick),
      revenueYen: figures.map((f) => f.revenue),
      cashYen: figures.map((f) => f.cash),
      trust: figures.map((f) => Math.round(f.trustMicro) / TRUST_SCALE),
      downtimeMinutes: figures.map((f) => f.downtime),
    };
  }
}
