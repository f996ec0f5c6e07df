import type { GameState, TickerLine } from '../fold/state';
import { TRUST_SCALE } from '../fold/state';
import type { UnitId } from '../scenario/schema';
import { standings } from '../scoring/standings';
import type { Bilingual } from '../text/text';
import type { ClockView } from './clock-view';
import { clockView } from './clock-view';

/**
 * What the public board may show (game-model §10): standings, unit leaders, the ticker and
 * announcements. Never an inbox, a response, a hidden inject or anything a team keeps to itself.
 * While the board is frozen the figures are those of the state at the freeze (architecture
 * principle 8: freeze is a projection) and the ticker goes on without lines that state figures.
 */
export interface AudienceView {
  gameId: string;
  seq: number;
  title: Bilingual;
  clock: ClockView;
  frozen: { atMinute: number } | null;
  standings: AudienceStanding[];
  unitLeaders: { unit: UnitId; name: Bilingual; teamId: string | null; score: number | null }[];
  ticker: PublicTickerLine[];
  announcements: { announcementId: string; text: string; atMinute: number }[];
}

export interface AudienceStanding {
  rank: number;
  teamId: string;
  name: string;
  number: number;
  escYen: number;
  revenueYen: number;
  trust: number;
  downtimeMinutes: number;
}

export interface PublicTickerLine {
  atMinute: number;
  teamId?: string;
  kind: string;
  text: Bilingual;
}

export const AUDIENCE_TICKER_LINES = 30;
/** Ticker lines about a team's inbox (subjects of mail, inquiries, press requests) stay off the public board. */
const PRIVATE_TICKER_KINDS = new Set(['inject']);
export const AUDIENCE_ANNOUNCEMENTS = 10;

/**
 * @param live the current state (clock, ticker, announcements come from it)
 * @param frozen the state at the freeze seq, when the board is frozen
 */
export function audienceView(live: GameState, frozen: GameState | null, wallMs: number): AudienceView {
  const figures = live.freeze && frozen ? frozen : live;
  const rows = standings(figures);
  const scenario = live.scenario!;
  const unitLeaders = scenario.units.map((unit) => {
    let best: { teamId: string; score: number } | null = null;
    for (const row of rows) {
      const score = row.units[unit.id];
      if (score !== null && score !== undefined && (best === null || score > best.score))
        best = { teamId: row.team, score };
    }
    return { unit: unit.id, name: unit.name, teamId: best?.teamId ?? null, score: best?.score ?? null };
  });
  const freezeMinute = live.freeze?.atMinute;
  const ticker = live.ticker
    // What lands in a team's inbox is the team's own business: the audience sees what happens in public.
    .filter((line) => !PRIVATE_TICKER_KINDS.has(line.kind))
    .filter((line) => !(freezeMinute !== undefined && line.hasFigures && line.atMinute >= freezeMinute))
    .slice(-AUDIENCE_TICKER_LINES)
    .map(publicLine);
  return {
    gameId: live.gameId,
    seq: live.seq,
    title: scenario.title,
    clock: clockView(live, wallMs),
    frozen: live.freeze ? { atMinute: live.freeze.atMinute } : null,
    standings: rows.map((r) => ({
      rank: r.rank,
      teamId: r.team,
      name: r.name,
      number: r.number,
      escYen: r.esc,
      revenueYen: r.revenue,
      trust: Math.round(figures.teams[r.team].trustMicro) / TRUST_SCALE,
      downtimeMinutes: r.downtimeMinutes,
    })),
    unitLeaders,
    ticker,
    announcements: live.announcements
      .slice(-AUDIENCE_ANNOUNCEMENTS)
      .map(({ announcementId, text, atMinute }) => ({ announcementId, text, atMinute })),
  };
}

function publicLine(line: TickerLine): PublicTickerLine {
  return { atMinute: line.atMinute, teamId: line.teamId, kind: line.kind, text: line.text };
}
