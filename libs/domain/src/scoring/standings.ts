import type { GameState, TeamState } from '../fold/state';
import { TRUST_SCALE } from '../fold/state';
import type { UnitId } from '../scenario/schema';
import { unitScores } from './units';

export interface StandingRow {
  team: string;
  name: string;
  number: number;
  rank: number;
  esc: number;
  revenue: number;
  cash: number;
  trust: number;
  downtimeMinutes: number;
  units: Record<string, number | null>;
}

/**
 * Ranking by ESC; ties break by fewer downtime minutes, then by the earlier time of reaching the
 * final score (game-model §9). Teams still tied share a rank and are listed by number.
 */
export function compareTeams(a: TeamState, b: TeamState): number {
  return (
    b.escYen - a.escYen ||
    a.downtimeMinutes - b.downtimeMinutes ||
    a.escReachedAtMinute - b.escReachedAtMinute ||
    a.number - b.number
  );
}

function tiedOnScore(a: TeamState, b: TeamState): boolean {
  return (
    a.escYen === b.escYen && a.downtimeMinutes === b.downtimeMinutes && a.escReachedAtMinute === b.escReachedAtMinute
  );
}

export function standings(state: GameState): StandingRow[] {
  const scenario = state.scenario;
  if (!scenario) return [];
  const sorted = state.teamOrder.map((id) => state.teams[id]).sort(compareTeams);
  const rows: StandingRow[] = [];
  sorted.forEach((team, index) => {
    const previous = rows[index - 1];
    const rank = previous && tiedOnScore(sorted[index - 1], team) ? previous.rank : index + 1;
    rows.push({
      team: team.teamId,
      name: team.name,
      number: team.number,
      rank,
      esc: team.escYen,
      revenue: team.revenueYen,
      cash: team.cashYen,
      trust: Math.round(team.trustMicro) / TRUST_SCALE,
      downtimeMinutes: team.downtimeMinutes,
      units: unitScores(scenario, team),
    });
  });
  return rows;
}

export interface Awards {
  /** The teams at rank 1: one, or several when they tie on every tie-break (joint winners). */
  grandPrix: string[];
  units: Partial<Record<UnitId, string | null>>;
  alliances: { alliance: string; esc: number; teams: string[] }[];
}

/**
 * Grand prix (highest ESC), unit awards (highest unit score; ties break by fewer downtime minutes,
 * then by the standings order, as the time of reaching a unit's final score is not kept), alliance
 * ranking.
 */
export function awards(state: GameState): Awards {
  const rows = standings(state);
  const scenario = state.scenario;
  const result: Awards = { grandPrix: rows.filter((r) => r.rank === 1).map((r) => r.team), units: {}, alliances: [] };
  if (!scenario) return result;
  for (const unit of scenario.units) {
    const scored = rows.filter((r) => r.units[unit.id] !== null);
    scored.sort(
      (a, b) =>
        (b.units[unit.id] ?? 0) - (a.units[unit.id] ?? 0) ||
        a.downtimeMinutes - b.downtimeMinutes ||
        rows.indexOf(a) - rows.indexOf(b),
    );
    result.units[unit.id] = scored[0]?.team ?? null;
  }
  const byAlliance = new Map<string, { esc: number; teams: string[] }>();
  for (const id of state.teamOrder) {
    const team = state.teams[id];
    if (!team.alliance) continue;
    const entry = byAlliance.get(team.alliance) ?? { esc: 0, teams: [] };
    entry.esc += team.escYen;
    entry.teams.push(id);
    byAlliance.set(team.alliance, entry);
  }
  result.alliances = [...byAlliance.entries()]
    .map(([alliance, v]) => ({ alliance, ...v }))
    .sort((a, b) => b.esc - a.esc || a.alliance.localeCompare(b.alliance));
  return result;
}
