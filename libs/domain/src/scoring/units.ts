import type { TeamState } from '../fold/state';
import { TRUST_SCALE } from '../fold/state';
import type { Scenario } from '../scenario/scenario';
import type { UnitId } from '../scenario/schema';

/**
 * Unit scores, 0-100 (game-model §9). `null` means nothing to judge yet ("—" on the board):
 * a response unit before any of its points were offered.
 */
export function unitScore(scenario: Scenario, team: TeamState, unit: UnitId): number | null {
  const raw = rawUnitScore(scenario, team, unit);
  if (raw === null) return null;
  return clampScore(raw + (team.unitAdjust[unit] ?? 0));
}

function rawUnitScore(scenario: Scenario, team: TeamState, unit: UnitId): number | null {
  switch (unit) {
    case 'tech': {
      const availability = team.ticks === 0 ? 1 : 1 - team.downtimeMinutes / team.ticks;
      const blocked = team.attacksFaced === 0 ? 1 : team.attacksBlocked / team.attacksFaced;
      return scenario.scoring.techAvailabilityWeight * availability + scenario.scoring.techBlockedWeight * blocked;
    }
    case 'sales':
      return team.referenceYen === 0 ? null : (100 * team.revenueYen) / team.referenceYen;
    case 'management':
    case 'support':
    case 'pr':
    case 'csirt': {
      const tally = team.units[unit];
      return tally.offeredMilli === 0 ? null : (100 * tally.earnedMilli) / tally.offeredMilli;
    }
  }
}

function clampScore(score: number): number {
  return Math.min(100, Math.max(0, Math.round(score * 100) / 100));
}

export function unitScores(scenario: Scenario, team: TeamState): Record<string, number | null> {
  const scores: Record<string, number | null> = {};
  for (const unit of scenario.units) scores[unit.id] = unitScore(scenario, team, unit.id);
  return scores;
}

/** All response points earned over all offered (0..1), or undefined before anything was offered. */
export function judgedRatio(team: TeamState): number | undefined {
  let earned = 0;
  let offered = 0;
  for (const tally of Object.values(team.units)) {
    earned += tally.earnedMilli;
    offered += tally.offeredMilli;
  }
  return offered === 0 ? undefined : earned / offered;
}

/**
 * 見込み販売力 (expected sales capability) = revenue × trust × (base + judged), plus organiser
 * adjustments. Before anything was offered, the multiplier is 1.0 (judged counts as 0.5 by default).
 */
export function expectedSalesCapability(scenario: Scenario, team: TeamState): number {
  // Before anything was offered the multiplier is 1.0 (judged 0.5 with the default base of 0.5).
  const judged = judgedRatio(team) ?? Math.max(0, 1 - scenario.scoring.escJudgedBase);
  const trust = team.trustMicro / TRUST_SCALE;
  return Math.round(team.revenueYen * trust * (scenario.scoring.escJudgedBase + judged)) + team.escAdjustYen;
}
