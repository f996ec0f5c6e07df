import type { TeamView } from '@mamoru/domain';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { TeamApi } from './team-api';
import type { HistoryPoint, TeamHistory } from './team-history';
import { emptyHistory, mergeHistory, readHistory } from './team-history';

/**
 * The team's figures per closed tick: the server's history (empty while it answers 404), then a
 * point from each view whose tick moved on; the history is read again when ticks were missed.
 */
export function useTeamHistory(api: TeamApi, base: string, view: TeamView | null): TeamHistory {
  const [fetched, setFetched] = useState<TeamHistory>(emptyHistory);
  const [live, setLive] = useState<HistoryPoint[]>([]);
  /** Bumped when ticks were missed (a reconnect after a while): the server's history fills the gap. */
  const [round, setRound] = useState(0);
  const lastTick = useRef<number | null>(null);

  useEffect(() => {
    let cancelled = false;
    api
      .request<unknown>(`${base}/history`)
      .then((answer) => {
        if (!cancelled) setFetched(readHistory(answer));
      })
      .catch(() => {
        // 404 until the server has the route, or a network failure: the chart starts from the live points
      });
    return () => {
      cancelled = true;
    };
  }, [api, base, round]);

  const tick = view?.clock.tick ?? 0;
  const team = view?.team;
  useEffect(() => {
    if (!team || tick <= 0) return;
    if (lastTick.current !== null && tick > lastTick.current + 1) setRound((r) => r + 1);
    lastTick.current = Math.max(lastTick.current ?? 0, tick);
    setLive((points) => {
      const last = points.at(-1);
      if (last && last.tick >= tick) return points;
      return [
        ...points,
        {
          tick,
          revenueYen: team.revenueYen,
          cashYen: team.cashYen,
          trust: team.trust,
          downtimeMinutes: team.downtimeMinutes,
        },
      ].slice(-2000);
    });
    // only when the tick moves: the figures of that moment are the tick's point
  }, [tick]);

  return useMemo(() => mergeHistory(fetched, live), [fetched, live]);
}
