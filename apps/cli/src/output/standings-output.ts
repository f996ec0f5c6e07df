import type { GameState, StandingRow } from '@mamoru/domain';
import { formatGameTime, formatStoryTime, formatYen, standings } from '@mamoru/domain';

/** The `--json` document of `mamoru run` and `mamoru replay` (same shape, same fold). */
export interface StandingsDocument {
  gameTime: string;
  teams: Omit<StandingRow, 'name' | 'number'>[];
}

export function standingsDocument(state: GameState, atMinute = state.tick): StandingsDocument {
  return {
    gameTime: formatGameTime(atMinute),
    teams: standings(state).map(({ name: _name, number: _number, ...row }) => row),
  };
}

/** A fixed-width table for terminals (story time where the scenario sets clockStartsAt). */
export function standingsTable(state: GameState, atMinute = state.tick): string {
  const scenario = state.scenario;
  const story = scenario?.clockStartsAtMinutes;
  const clock =
    story === undefined
      ? formatGameTime(atMinute)
      : `${formatGameTime(atMinute)} (${formatStoryTime(atMinute, story)})`;
  const units = scenario?.units.map((u) => u.id) ?? [];
  const header = ['#', 'team', '見込み販売力 ESC', 'revenue', 'cash', 'trust', 'down', ...units];
  const rows = standings(state).map((r) => [
    String(r.rank),
    r.name,
    formatYen(r.esc),
    formatYen(r.revenue),
    formatYen(r.cash),
    r.trust.toFixed(3),
    `${r.downtimeMinutes}m`,
    ...units.map((u) => (r.units[u] === null || r.units[u] === undefined ? '—' : r.units[u]!.toFixed(1))),
  ]);
  const widths = header.map((h, i) => Math.max(displayWidth(h), ...rows.map((row) => displayWidth(row[i]))));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i < 2 ? padEnd(c, widths[i]) : padStart(c, widths[i]))).join('  ');
  return [`game time ${clock}`, line(header), ...rows.map(line)].join('\n');
}

/** East Asian wide characters take two terminal columns. */
function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text)
    width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch)
      ? 2
      : 1;
  return width;
}

function padEnd(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

function padStart(text: string, width: number): string {
  return ' '.repeat(Math.max(0, width - displayWidth(text))) + text;
}

/** Ticker lines written since `seenCount` (inbox deliveries left out: every team gets them). */
export function newTickerLines(state: GameState, seenCount: number): string[] {
  const fresh = Math.min(state.tickerCount - seenCount, state.ticker.length);
  const story = state.scenario?.clockStartsAtMinutes;
  return state.ticker
    .slice(state.ticker.length - fresh)
    .filter((line) => line.kind !== 'inject')
    .map((line) => `  ${formatStoryTime(line.atMinute, story)}  ${line.text.ja}  /  ${line.text.en}`);
}
