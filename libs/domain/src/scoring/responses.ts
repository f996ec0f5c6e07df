import type { RubricItem } from '../scenario/scenario';

/**
 * Timeliness (game-model §6): 1.0 up to the deadline, falling linearly to 0 at twice the
 * deadline (both measured from delivery), 0 after.
 */
export function timeliness(deliveredMinute: number, deadlineMinutes: number, submittedMinute: number): number {
  const late = submittedMinute - deliveredMinute - deadlineMinutes;
  if (late <= 0) return 1;
  if (late >= deadlineMinutes) return 0;
  return 1 - late / deadlineMinutes;
}

/**
 * Provisional grade from keyword matches: the weight of rubric items with at least one keyword in
 * the text, over all weights. Items without keywords need a human grader and count 0 here.
 */
export function autoGrade(rubric: readonly RubricItem[], text: string): number {
  const total = rubric.reduce((sum, item) => sum + item.weight, 0);
  if (total <= 0) return 0;
  const haystack = text.normalize('NFKC').toLowerCase();
  let matched = 0;
  for (const item of rubric) {
    if (item.keywords.some((k) => haystack.includes(k.normalize('NFKC').toLowerCase()))) matched += item.weight;
  }
  return matched / total;
}
