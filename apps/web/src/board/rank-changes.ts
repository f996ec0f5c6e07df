/** Rank changes shown next to a team for a few seconds (▲2 / ▼1). */
export interface RankMarker {
  direction: 'up' | 'down';
  /** Places gained or lost. */
  by: number;
  /** Local time (ms) until which the marker shows. */
  untilMs: number;
}

export const RANK_MARKER_MS = 8000;

export function ranksOf(standings: readonly { teamId: string; rank: number }[]): Map<string, number> {
  return new Map(standings.map((row) => [row.teamId, row.rank]));
}

/**
 * The markers after a new standing: a team whose rank changed since `previous` gets a marker (added
 * to a still-showing one in the same direction); others keep theirs until they expire. Nothing is
 * marked for the first standings seen (`previous` null) or for teams that were not there before.
 */
export function updateRankMarkers(
  previous: ReadonlyMap<string, number> | null,
  standings: readonly { teamId: string; rank: number }[],
  markers: ReadonlyMap<string, RankMarker>,
  nowMs: number,
  holdMs = RANK_MARKER_MS,
): Map<string, RankMarker> {
  const next = pruneRankMarkers(markers, nowMs);
  if (!previous) return next;
  for (const row of standings) {
    const before = previous.get(row.teamId);
    if (before === undefined || before === row.rank) continue;
    const direction = row.rank < before ? 'up' : 'down';
    const by = Math.abs(before - row.rank);
    const showing = next.get(row.teamId);
    next.set(row.teamId, {
      direction,
      by: showing && showing.direction === direction ? showing.by + by : by,
      untilMs: nowMs + holdMs,
    });
  }
  return next;
}

/** Only the markers still showing at `nowMs`. */
export function pruneRankMarkers(markers: ReadonlyMap<string, RankMarker>, nowMs: number): Map<string, RankMarker> {
  const active = new Map<string, RankMarker>();
  for (const [teamId, marker] of markers) if (marker.untilMs > nowMs) active.set(teamId, marker);
  return active;
}

/** When the next marker expires (to schedule a redraw), or null when none shows. */
export function nextRankMarkerExpiry(markers: ReadonlyMap<string, RankMarker>): number | null {
  let next: number | null = null;
  for (const marker of markers.values()) if (next === null || marker.untilMs < next) next = marker.untilMs;
  return next;
}
