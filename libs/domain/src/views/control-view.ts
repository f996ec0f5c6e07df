import type { GameState } from '../fold/state';
import { POINTS_SCALE, TRUST_SCALE } from '../fold/state';
import { scheduledMinute } from '../rules/timeline';
import type { UnitId } from '../scenario/schema';
import { standings } from '../scoring/standings';
import type { Bilingual } from '../text/text';
import type { ClockView } from './clock-view';
import { clockView } from './clock-view';

/**
 * The control room (game-model §1): every team's live figures (never frozen), the timeline with
 * what is still to come, the grading queue and the announcements with their authors.
 */
export interface ControlView {
  gameId: string;
  seq: number;
  title: Bilingual;
  clock: ClockView;
  frozen: { atMinute: number; by: string } | null;
  teams: {
    teamId: string;
    name: string;
    number: number;
    rank: number;
    escYen: number;
    cashYen: number;
    revenueYen: number;
    trust: number;
    downtimeMinutes: number;
    lastProbe: string | null;
    attacksFaced: number;
    attacksBlocked: number;
    members: number;
    awaitingGrade: number;
    units: Record<string, number | null>;
  }[];
  timeline: TimelineEntry[];
  grading: GradingEntry[];
  announcements: { announcementId: string; text: string; atMinute: number; by: string }[];
}

export interface TimelineEntry {
  injectId: string;
  kind: string;
  unit: UnitId;
  title: Bilingual;
  atMinute: number;
  /** Where it stands now: waiting at `dueMinute`, done (delivered or run), skipped or fired by hand. */
  status: 'waiting' | 'done' | 'skipped' | 'fired';
  dueMinute?: number;
  targets: 'all' | number[];
}

export interface GradingEntry {
  teamId: string;
  injectId: string;
  unit: UnitId;
  subject: Bilingual;
  submittedMinute: number;
  deadlineMinute?: number;
  graded: boolean;
  grade?: number;
  provisionalPoints?: number;
  points: number;
}

export function controlView(state: GameState, wallMs: number): ControlView {
  const scenario = state.scenario!;
  const rows = standings(state);
  const grading: GradingEntry[] = [];
  for (const teamId of state.teamOrder) {
    for (const item of Object.values(state.teams[teamId].inbox)) {
      if (!item.response || item.pointsMilli === undefined) continue;
      const inject = scenario.timeline.find((i) => i.id === item.injectId);
      grading.push({
        teamId,
        injectId: item.injectId,
        unit: item.unit,
        subject: inject && inject.kind !== 'attack' ? inject.subject : { ja: item.injectId, en: item.injectId },
        submittedMinute: item.response.atMinute,
        deadlineMinute: item.deadlineMinute,
        graded: item.grade !== undefined,
        grade: item.grade?.value,
        provisionalPoints: item.counted?.provisional ? item.counted.earnedMilli / POINTS_SCALE : undefined,
        points: item.pointsMilli / POINTS_SCALE,
      });
    }
  }
  grading.sort((a, b) => Number(a.graded) - Number(b.graded) || a.submittedMinute - b.submittedMinute);
  return {
    gameId: state.gameId,
    seq: state.seq,
    title: scenario.title,
    clock: clockView(state, wallMs),
    frozen: state.freeze ? { atMinute: state.freeze.atMinute, by: state.freeze.by } : null,
    teams: rows.map((r) => {
      const team = state.teams[r.team];
      return {
        teamId: r.team,
        name: r.name,
        number: r.number,
        rank: r.rank,
        escYen: r.esc,
        cashYen: r.cash,
        revenueYen: r.revenue,
        trust: Math.round(team.trustMicro) / TRUST_SCALE,
        downtimeMinutes: r.downtimeMinutes,
        lastProbe: team.lastProbe,
        attacksFaced: team.attacksFaced,
        attacksBlocked: team.attacksBlocked,
        members: Object.values(state.members).filter((m) => m.teamId === r.team).length,
        awaitingGrade: grading.filter((g) => g.teamId === r.team && !g.graded).length,
        units: r.units,
      };
    }),
    timeline: scenario.timeline.map((inject) => {
      const override = state.injectOverrides[inject.id];
      const due = scheduledMinute(state, inject);
      // Minute m is worked before tick m + 1 closes, so it is done once the last closed tick passed it.
      const status: TimelineEntry['status'] = override?.skipped
        ? 'skipped'
        : override?.firedAtMinute !== undefined
          ? 'fired'
          : due !== undefined && due < state.tick
            ? 'done'
            : 'waiting';
      return {
        injectId: inject.id,
        kind: inject.kind,
        unit: inject.unit,
        title:
          inject.kind === 'attack'
            ? { ja: `攻撃 ${inject.attackId}`, en: `attack ${inject.attackId}` }
            : inject.subject,
        atMinute: inject.atMinute,
        status,
        dueMinute: status === 'waiting' ? due : undefined,
        targets: inject.targets,
      };
    }),
    grading,
    announcements: state.announcements.map(({ announcementId, text, atMinute, by }) => ({
      announcementId,
      text,
      atMinute,
      by,
    })),
  };
}
