import type { Bilingual, GameEvent, UnitId } from '@mamoru/domain';

/*
 * What the REST routes answer, where no view of libs/domain says it already (docs/live-server.md):
 * the server builds these, the web app reads them (type-only).
 */

/** One member as `POST /api/games/:g/members` answers: the one-time join code is shown here only. */
export interface CreatedMember {
  memberId: string;
  teamId: string;
  name: string;
  units: UnitId[];
  login: string;
  /** One-time code for the member's first login (shown once; organisers can reissue it). */
  joinCode: string;
}

/** One member as `GET /api/games/:g/members` lists them. */
export interface MemberListing {
  memberId: string;
  teamId: string;
  name: string;
  units: UnitId[];
  login: string | null;
  /** Whether the member has set a password (used their join code). */
  joined: boolean;
  /** Away on a transfer until this game minute, else null. */
  awayUntilMinute: number | null;
}

/** A scenario of the repository's `scenarios/` (`GET /api/scenarios`), created from by `scenarioName`. */
export interface BundledScenario {
  name: string;
  id: string;
  title: Bilingual;
  durationMinutes: number;
  units: number;
  injects: number;
}

/** `health` of `GET /api/games/:g/control`. */
export interface ControlHealth {
  /** Job counts per queue, or null when Redis did not answer in time. */
  queues: Record<string, Record<string, number>> | null;
  shops: { teamId: string; running: boolean; baseUrl: string | null }[];
  /** Whether the answering server process leads the game's clock. */
  leader: boolean;
}

/**
 * One line of a game's audit trail (`GET /api/games/:g/audit`): an event that names who did it
 * (game-model §1: every organiser action is logged).
 */
export interface AuditEntry {
  seq: number;
  type: GameEvent['type'];
  atMinute: number;
  wallMs: number;
  by: string;
  reason?: string;
  /** One plain-text line (story time when the scenario sets `clockStartsAt`). */
  summary: string;
}

export interface AuditPage {
  /** The log position the trail was read up to. */
  seq: number;
  entries: AuditEntry[];
  /** More entries follow: pass this as `afterSeq` for the next page. */
  nextAfterSeq?: number;
}
