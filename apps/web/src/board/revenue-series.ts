import type { AudienceView } from '@mamoru/domain';

/*
 * Revenue over time, accumulated in the browser: the audience view holds the current figures only,
 * so the board keeps one point per closed tick it has seen (`clock.tick` → every team's
 * `revenueYen`), from the first snapshot on. The arrays are uPlot's aligned data and are changed
 * in place (appending is the common case), so a whole day (480 ticks × 20 teams) costs nothing to keep.
 */

export interface SeriesTeam {
  teamId: string;
  name: string;
  number: number;
}

export type SeriesInput = Pick<AudienceView, 'clock' | 'frozen' | 'standings'>;

/** The server's revenue history of a game (`GET /api/games/:id/board/history`). */
export interface RevenueHistoryInput {
  teams: { teamId: string }[];
  ticks: number[];
  revenueYen: number[][];
}

export class RevenueSeries {
  /** Game minutes (ticks), ascending. */
  readonly xs: number[] = [];
  /** One array per team (same order as `teams`), aligned with `xs`; null where the team has no point. */
  readonly ys: (number | null)[][] = [];
  readonly teams: SeriesTeam[] = [];
  /** Bumped whenever a point changes. */
  version = 0;
  /** Bumped whenever a team is added or renamed (a chart then needs new series). */
  teamsVersion = 0;
  private readonly indexOf = new Map<string, number>();

  /**
   * Records the view's figures at its tick; while the board is frozen, at the freeze minute (the
   * figures are those of the freeze, so they must not be drawn as if nothing moved afterwards).
   * Returns true when anything changed.
   */
  add(view: SeriesInput): boolean {
    const x = pointMinute(view);
    let changed = this.addTeams(view.standings);
    if (this.xs.length === 0 && x > 0) {
      // Revenue is 0 when the game starts: a known point, not a guess.
      this.insertAt(0, 0, 0);
      changed = true;
    }
    let at = this.find(x);
    if (at < 0) {
      at = -at - 1;
      this.insertAt(at, x, null);
      changed = true;
    }
    for (const row of view.standings) {
      const series = this.ys[this.indexOf.get(row.teamId)!];
      if (series[at] !== row.revenueYen) {
        series[at] = row.revenueYen;
        changed = true;
      }
    }
    if (changed) this.version++;
    return changed;
  }

  /**
   * Fills in the points of ticks closed before this board was opened (`GET .../board/history`):
   * only where the series has none, so figures seen live are never overwritten.
   */
  seed(history: RevenueHistoryInput, standings: SeriesInput['standings']): boolean {
    let changed = this.addTeams(standings);
    if (history.ticks.length > 0 && this.xs[0] !== 0 && this.find(0) < 0) {
      this.insertAt(-this.find(0) - 1, 0, 0);
      changed = true;
    }
    history.ticks.forEach((tick, i) => {
      let at = this.find(tick);
      if (at < 0) {
        at = -at - 1;
        this.insertAt(at, tick, null);
        changed = true;
      }
      history.teams.forEach((team, t) => {
        const index = this.indexOf.get(team.teamId);
        if (index === undefined || this.ys[index][at] !== null) return;
        this.ys[index][at] = history.revenueYen[t][i];
        changed = true;
      });
    });
    if (changed) this.version++;
    return changed;
  }

  /** uPlot's `AlignedData`: `[xs, ...ys]` (the arrays themselves, not copies). */
  data(): [number[], ...(number | null)[][]] {
    return [this.xs, ...this.ys];
  }

  get length(): number {
    return this.xs.length;
  }

  private addTeams(standings: SeriesInput['standings']): boolean {
    let changed = false;
    const byNumber = [...standings].sort((a, b) => a.number - b.number || a.teamId.localeCompare(b.teamId));
    for (const row of byNumber) {
      const index = this.indexOf.get(row.teamId);
      if (index === undefined) {
        this.indexOf.set(row.teamId, this.teams.length);
        this.teams.push({ teamId: row.teamId, name: row.name, number: row.number });
        // Before the team was seen: 0 at the start (revenue starts at 0), unknown after.
        this.ys.push(this.xs.map((x) => (x === 0 ? 0 : null)));
        changed = true;
      } else if (this.teams[index].name !== row.name || this.teams[index].number !== row.number) {
        this.teams[index] = { teamId: row.teamId, name: row.name, number: row.number };
        changed = true;
      } else {
        continue;
      }
      this.teamsVersion++;
    }
    return changed;
  }

  /** Index of `x` in `xs`, or `-(insertion point) - 1`. */
  private find(x: number): number {
    const last = this.xs.length - 1;
    if (last >= 0 && this.xs[last] === x) return last;
    if (last < 0 || this.xs[last] < x) return -(last + 1) - 1;
    let lo = 0;
    let hi = last;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.xs[mid] === x) return mid;
      if (this.xs[mid] < x) lo = mid + 1;
      else hi = mid - 1;
    }
    return -lo - 1;
  }

  private insertAt(at: number, x: number, value: number | null): void {
    if (at === this.xs.length) {
      this.xs.push(x);
      for (const series of this.ys) series.push(value);
    } else {
      this.xs.splice(at, 0, x);
      for (const series of this.ys) series.splice(at, 0, value);
    }
  }
}

/** The game minute a view's figures belong to. */
export function pointMinute(view: Pick<AudienceView, 'clock' | 'frozen'>): number {
  const tick = Math.max(0, Math.floor(view.clock.tick));
  return view.frozen ? Math.min(tick, Math.max(0, Math.floor(view.frozen.atMinute))) : tick;
}
