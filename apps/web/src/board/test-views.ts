import type { LiveMessage } from '@mamoru/contracts';
import type { AudienceStanding, AudienceView, ClockView } from '@mamoru/domain';

/** Audience views for the specs: two or more teams, revenue per team, a tick and a seq. */
export function testView(
  seq: number,
  tick: number,
  revenue: Record<string, number>,
  patch: Partial<AudienceView> = {},
): AudienceView {
  const teams = Object.keys(revenue);
  const standings: AudienceStanding[] = teams
    .map((teamId) => ({ teamId, revenueYen: revenue[teamId] }))
    .sort((a, b) => b.revenueYen - a.revenueYen)
    .map((row, i) => ({
      rank: i + 1,
      teamId: row.teamId,
      name: `Team ${row.teamId}`,
      number: teams.indexOf(row.teamId) + 1,
      escYen: row.revenueYen,
      revenueYen: row.revenueYen,
      trust: 1,
      downtimeMinutes: 0,
    }));
  const clock: ClockView = {
    status: 'running',
    gameMs: tick * 60_000,
    wallMs: 1_000_000 + seq,
    speed: 60,
    tick,
    durationMinutes: 480,
    clockStartsAtMinutes: 540,
  };
  return {
    gameId: 'day-1',
    seq,
    title: { ja: '演習', en: 'Exercise' },
    clock,
    frozen: null,
    standings,
    unitLeaders: [],
    ticker: [],
    announcements: [],
    ...patch,
  };
}

export function message(view: AudienceView, prevSeq: number | null = null): LiveMessage<AudienceView> {
  return { seq: view.seq, prevSeq, tickClosedAtMs: null, view };
}
