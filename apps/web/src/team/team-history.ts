/** `GET /api/games/:g/teams/:t/history`: one entry per closed tick, in order. */
export interface TeamHistory {
  ticks: number[];
  revenueYen: number[];
  cashYen: number[];
  trust: number[];
  downtimeMinutes: number[];
}

export interface HistoryPoint {
  tick: number;
  revenueYen: number;
  cashYen: number;
  trust: number;
  downtimeMinutes: number;
}

export function emptyHistory(): TeamHistory {
  return { ticks: [], revenueYen: [], cashYen: [], trust: [], downtimeMinutes: [] };
}

/** The server's answer, checked: arrays of the same length, else empty. */
export function readHistory(answer: unknown): TeamHistory {
  const a = answer as Partial<TeamHistory> | null;
  const keys = ['ticks', 'revenueYen', 'cashYen', 'trust', 'downtimeMinutes'] as const;
  if (!a || !keys.every((k) => Array.isArray(a[k]))) return emptyHistory();
  const n = Math.min(...keys.map((k) => (a[k] as number[]).length));
  return {
    ticks: a.ticks!.slice(0, n),
    revenueYen: a.revenueYen!.slice(0, n),
    cashYen: a.cashYen!.slice(0, n),
    trust: a.trust!.slice(0, n),
    downtimeMinutes: a.downtimeMinutes!.slice(0, n),
  };
}

/**
 * `history` with `point` added: appended when its tick is past the last one, replacing the last
 * when it is the same tick, ignored when older (the fetched history already holds it).
 */
export function withPoint(history: TeamHistory, point: HistoryPoint): TeamHistory {
  const last = history.ticks.at(-1);
  if (last !== undefined && point.tick < last) return history;
  const keep = last === point.tick ? history.ticks.length - 1 : history.ticks.length;
  return {
    ticks: [...history.ticks.slice(0, keep), point.tick],
    revenueYen: [...history.revenueYen.slice(0, keep), point.revenueYen],
    cashYen: [...history.cashYen.slice(0, keep), point.cashYen],
    trust: [...history.trust.slice(0, keep), point.trust],
    downtimeMinutes: [...history.downtimeMinutes.slice(0, keep), point.downtimeMinutes],
  };
}

/** The fetched history, then the live points it does not hold yet. */
export function mergeHistory(fetched: TeamHistory, live: readonly HistoryPoint[]): TeamHistory {
  let merged = fetched;
  for (const point of live) merged = withPoint(merged, point);
  return merged;
}
