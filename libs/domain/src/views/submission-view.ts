import type { GameState } from '../fold/state';
import { POINTS_SCALE } from '../fold/state';
import { injectById } from '../scenario/scenario';
import type { UnitId } from '../scenario/schema';
import { autoGrade, timeliness } from '../scoring/responses';
import type { Bilingual } from '../text/text';

/**
 * One submission as a grader sees it (game-model §6): the inject and its rubric, the response as
 * the team wrote it, how timely it was, the provisional keyword grade and the current grade. The
 * points shown are what the fold credits: points × timeliness × (grade, else the auto-grade).
 */
export interface SubmissionView {
  teamId: string;
  teamName: string;
  injectId: string;
  kind: string;
  unit: UnitId;
  from?: Bilingual;
  subject: Bilingual;
  body: Bilingual;
  rubric: { id: string; text: Bilingual; weight: number; keywords: string[] }[];
  /** Maximum points. */
  points: number;
  deliveredMinute: number;
  deadlineMinute?: number;
  closesMinute?: number;
  response: { text: string; atMinute: number; compensationYen: number; memberId?: string; memberName?: string } | null;
  /** 0..1 for the current response (null before one is submitted). */
  timeliness: number | null;
  /** Keyword grade 0..1, used until a grader grades (null before a response). */
  autoGrade: number | null;
  grade: { value: number; by: string; comment?: string; atMinute: number; items?: Record<string, number> } | null;
  /** Points the response is worth now, and whether they rest on the auto-grade. */
  score: { points: number; provisional: boolean } | null;
  /** Whether the points were offered yet (the window closed or the response was graded). */
  counted: boolean;
}

/** The submission of `teamId` for `injectId`, or undefined when that team has no such inbox item asking for a response. */
export function submissionView(state: GameState, teamId: string, injectId: string): SubmissionView | undefined {
  const team = state.teams[teamId];
  const item = team?.inbox[injectId];
  const inject = injectById(state.scenario!, injectId);
  if (!team || !item || !inject || inject.kind === 'attack' || !inject.response || item.pointsMilli === undefined)
    return undefined;
  const spec = inject.response;
  const response = item.response;
  const onTime = response ? timeliness(item.deliveredMinute, spec.deadlineMinutes, response.atMinute) : null;
  const auto = response ? autoGrade(spec.rubric, response.text) : null;
  const grade = item.grade?.value ?? auto;
  return {
    teamId,
    teamName: team.name,
    injectId,
    kind: item.kind,
    unit: item.unit,
    from: inject.from,
    subject: inject.subject,
    body: inject.body,
    rubric: spec.rubric.map((r) => ({ id: r.id, text: r.text, weight: r.weight, keywords: [...r.keywords] })),
    points: item.pointsMilli / POINTS_SCALE,
    deliveredMinute: item.deliveredMinute,
    deadlineMinute: item.deadlineMinute,
    closesMinute: item.closesMinute,
    response: response
      ? {
          ...response,
          memberName: response.memberId === undefined ? undefined : state.members[response.memberId]?.name,
        }
      : null,
    timeliness: onTime,
    autoGrade: auto,
    grade: item.grade ? { ...item.grade, items: item.grade.items ? { ...item.grade.items } : undefined } : null,
    score:
      onTime === null || grade === null
        ? null
        : {
            points: Math.round(item.pointsMilli * onTime * grade) / POINTS_SCALE,
            provisional: item.grade === undefined,
          },
    counted: item.counted !== undefined,
  };
}
