import type { ClockState } from '../clock/clock';
import { INITIAL_CLOCK } from '../clock/clock';
import type { CrawlOutcome, ProbeOutcome } from '../events/events';
import type { Scenario } from '../scenario/scenario';
import type { UnitId } from '../scenario/schema';
import type { Bilingual } from '../text/text';

/**
 * The state the fold builds from a game's events. Plain JSON (it is stored as snapshots), integer
 * money in yen, trust in millionths and response points in thousandths, so that sums are exact and
 * every component's ledger entries add up to its value to the last digit.
 */
export interface GameState {
  gameId: string;
  seed: number;
  scenario: Scenario | null;
  /** Sequence of the last event folded in. */
  seq: number;
  /** Last closed tick (0 before the first). */
  tick: number;
  ended: boolean;
  clock: ClockState;
  teams: Record<string, TeamState>;
  /** Team ids in registration order. */
  teamOrder: string[];
  /** The latest narrated lines, newest last. */
  ticker: TickerLine[];
  /** How many ticker lines were ever written (the lines kept are the last of them). */
  tickerCount: number;
  /** Team members by id (their credentials live outside the log). */
  members: Record<string, MemberState>;
  /** Organiser changes to the scenario's timeline, by inject id. */
  injectOverrides: Record<string, InjectOverride>;
  /** The public board is frozen at this event (the audience sees the state as of `seq`). */
  freeze: { seq: number; atMinute: number; by: string } | null;
  /** The latest announcements, newest last. */
  announcements: Announcement[];
}

export interface MemberState {
  memberId: string;
  teamId: string;
  name: string;
  units: UnitId[];
  /** Join order within the team (a transfer picks the unit's first member). */
  order: number;
  /** Away on a transfer (人事異動) until this game minute: their login is refused. */
  transferredUntilMinute?: number;
}

export interface InjectOverride {
  /** Moved to this minute. */
  toMinute?: number;
  skipped?: boolean;
  /** Fired by hand at this minute: the scheduled firing is skipped. */
  firedAtMinute?: number;
}

export interface Announcement {
  announcementId: string;
  text: string;
  by: string;
  atMinute: number;
  seq: number;
}

export interface MarketRequest {
  requestId: string;
  itemId: string;
  memberId?: string;
  note?: string;
  requestedMinute: number;
  status: 'requested' | 'approved' | 'rejected';
  decidedBy?: string;
  decidedMinute?: number;
  /** Approved items become active after their lead time. */
  activeFromMinute?: number;
}

export interface TeamState {
  teamId: string;
  name: string;
  number: number;
  alliance?: string;
  cashYen: number;
  revenueYen: number;
  /** What a perfect team would have earned from the same crowd (sales unit normaliser). */
  referenceYen: number;
  stock: Record<string, number>;
  pricesYen: Record<string, number>;
  trustMicro: number;
  downtimeMinutes: number;
  /** Ticks scored for this team (platform-fault ticks excluded). */
  ticks: number;
  platformFaultTicks: number;
  attacksFaced: number;
  attacksBlocked: number;
  loanYen: number;
  ads: { fromMinute: number; untilMinute: number; boost: number }[];
  units: Record<UnitId, UnitTally>;
  inbox: Record<string, InboxItem>;
  /** Recent harms that a public notice can still soften. */
  harms: Harm[];
  notices: { atMinute: number; text: string }[];
  lastProbe: ProbeOutcome | null;
  outcomes: Partial<Record<CrawlOutcome, number>>;
  escAdjustYen: number;
  unitAdjust: Partial<Record<UnitId, number>>;
  escYen: number;
  /** Game minute at which the ESC last changed (second tie-break). */
  escReachedAtMinute: number;
  /** Marketplace requests by request id. */
  market: Record<string, MarketRequest>;
}

export interface UnitTally {
  earnedMilli: number;
  offeredMilli: number;
}

export interface InboxItem {
  injectId: string;
  kind: string;
  unit: UnitId;
  deliveredMinute: number;
  /** Minute by which a response is on time (absent: no response asked). */
  deadlineMinute?: number;
  /** Minute at which timeliness reaches 0 and the points are offered. */
  closesMinute?: number;
  pointsMilli?: number;
  response?: { text: string; atMinute: number; compensationYen: number; memberId?: string };
  grade?: { value: number; by: string; comment?: string; atMinute: number; items?: Record<string, number> };
  /** Set once the points were offered; `earnedMilli` is what was credited so far. */
  counted?: { earnedMilli: number; provisional: boolean };
  unansweredCharged: boolean;
}

export interface Harm {
  atMinute: number;
  micro: number;
  givenBack: boolean;
}

export interface TickerLine {
  atMinute: number;
  teamId?: string;
  kind: string;
  text: Bilingual;
  /** True when the line states score figures (hidden on a frozen board). */
  hasFigures: boolean;
}

export const TRUST_SCALE = 1_000_000;
export const POINTS_SCALE = 1000;
export const TICKER_KEEP = 100;
export const ANNOUNCEMENTS_KEEP = 50;

export function emptyGameState(): GameState {
  return {
    gameId: '',
    seed: 0,
    scenario: null,
    seq: 0,
    tick: 0,
    ended: false,
    clock: INITIAL_CLOCK,
    teams: {},
    teamOrder: [],
    ticker: [],
    tickerCount: 0,
    members: {},
    injectOverrides: {},
    freeze: null,
    announcements: [],
  };
}
