/** The grade form's rules: one score 0-1 per rubric item, all required; or one overall grade. */

export type GradeBody = { items: Record<string, number>; comment?: string } | { grade: number; comment?: string };

/** A score typed in the form (`0.75`, `,75` no): a number in [0, 1], else null. */
export function parseScore(text: string): number | null {
  if (text.trim() === '') return null;
  const value = Number(text.trim());
  return Number.isFinite(value) && value >= 0 && value <= 1 ? value : null;
}

/**
 * The body of `POST .../grade`, or the ids of the rubric items whose score is missing or out of
 * range (`missing`). Without rubric items the overall grade is used.
 */
export function gradeBody(
  itemIds: readonly string[],
  scores: Record<string, string>,
  overall: string,
  comment: string,
): { body: GradeBody } | { missing: string[] } {
  const note = comment.trim() ? { comment: comment.trim() } : {};
  if (itemIds.length === 0) {
    const grade = parseScore(overall);
    return grade === null ? { missing: ['grade'] } : { body: { grade, ...note } };
  }
  const items: Record<string, number> = {};
  const missing: string[] = [];
  for (const id of itemIds) {
    const value = parseScore(scores[id] ?? '');
    if (value === null) missing.push(id);
    else items[id] = value;
  }
  return missing.length > 0 ? { missing } : { body: { items, ...note } };
}

/** The weighted mean of the item scores (what the server will record as the grade). */
export function weightedGrade(
  rubric: readonly { id: string; weight: number }[],
  items: Record<string, number>,
): number | null {
  let total = 0;
  let sum = 0;
  for (const item of rubric) {
    if (items[item.id] === undefined) return null;
    total += item.weight;
    sum += item.weight * items[item.id];
  }
  return total > 0 ? sum / total : null;
}
