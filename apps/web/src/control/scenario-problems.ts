/**
 * Where a scenario's problems are: the server's `SCENARIO_INVALID` messages read
 * `upload.yaml:12:5: timeline.3.at: ...` (as `mamoru validate` prints them). From those and the
 * YAML the organiser sent, the lines around each problem, numbered, so they see where to fix it.
 */

export interface ProblemLocation {
  line: number;
  column: number;
  message: string;
}

export interface ExcerptLine {
  /** 1-based line number in the YAML text. */
  number: number;
  text: string;
  /** The problems reported on this line (empty for context lines). */
  problems: string[];
}

/** An excerpt: consecutive lines; excerpts are separated where lines were left out. */
export type Excerpt = ExcerptLine[];

const LOCATION = /:(\d+):(\d+):\s*/;

/** The line and column of a problem message, or null when it names none. */
export function problemLocation(message: string): ProblemLocation | null {
  const match = LOCATION.exec(message);
  if (!match) return null;
  return {
    line: Number(match[1]),
    column: Number(match[2]),
    message: message.slice((match.index ?? 0) + match[0].length),
  };
}

/**
 * The lines of `yaml` around every located problem (`context` lines either side), grouped into
 * excerpts of consecutive lines. Problems beyond the text's end are ignored.
 */
export function problemExcerpts(yaml: string, messages: readonly string[], context = 2): Excerpt[] {
  const lines = yaml.split(/\r?\n/);
  const byLine = new Map<number, string[]>();
  for (const message of messages) {
    const location = problemLocation(message);
    if (!location || location.line < 1 || location.line > lines.length) continue;
    const list = byLine.get(location.line) ?? [];
    list.push(location.message);
    byLine.set(location.line, list);
  }
  if (byLine.size === 0) return [];
  const shown = new Set<number>();
  for (const line of byLine.keys()) {
    for (let n = Math.max(1, line - context); n <= Math.min(lines.length, line + context); n++) shown.add(n);
  }
  const numbers = [...shown].sort((a, b) => a - b);
  const excerpts: Excerpt[] = [];
  let current: Excerpt = [];
  for (const number of numbers) {
    if (current.length > 0 && current[current.length - 1].number !== number - 1) {
      excerpts.push(current);
      current = [];
    }
    current.push({ number, text: lines[number - 1], problems: byLine.get(number) ?? [] });
  }
  if (current.length > 0) excerpts.push(current);
  return excerpts;
}
