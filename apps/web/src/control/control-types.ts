import type { ControlView } from '@mamoru/domain';
import type { RequestOptions } from '../api/client';
import type { GameSummary } from '../api/games';
import type { Names } from './control-room';

export type { GameSummary };

/** What the panels need to call the server: a signed-in request (the control session store has it). */
export interface ControlApi {
  request<T>(path: string, options?: Omit<RequestOptions, 'token' | 'signal'>): Promise<T>;
}

export type StaffRole = 'organiser' | 'grader';

/** What most panels of one game's control room get: the live view, the names, the server and the game. */
export interface ControlPanelProps {
  view: ControlView;
  names: Names;
  api: ControlApi;
  gameId: string;
}

/** `health` of `GET /api/games/:g/control` (docs/live-server.md, "The control room"). */
export interface ControlHealth {
  /** Job counts per queue and state; null when Redis did not answer in time. */
  queues: Record<string, Record<string, number>> | null;
  shops: { teamId: string; running: boolean; baseUrl: string | null }[];
  leader: boolean;
}

export type ControlOverview = ControlView & { health: ControlHealth };

/** One member as `GET /api/games/:g/members` lists them. */
export interface MemberRow {
  memberId: string;
  teamId: string;
  name: string;
  units: string[];
  login: string;
  joined: boolean;
  awayUntilMinute: number | null;
}

/** One member as `POST /api/games/:g/members` answers (the code is shown once). */
export interface IssuedMember {
  memberId: string;
  teamId: string;
  name: string;
  units: string[];
  login: string;
  joinCode: string;
}

export interface AuditEntry {
  seq: number;
  type: string;
  atMinute: number;
  wallMs: number;
  by: string;
  reason?: string;
  summary: string;
}

export interface AuditPage {
  seq: number;
  entries: AuditEntry[];
  nextAfterSeq?: number;
}

export interface BundledScenario {
  name: string;
  id?: string;
  title?: { ja: string; en: string };
  durationMinutes?: number;
}

/** The API path of a game (`/api/games/<g>`) with `rest` appended. */
export function gamePath(gameId: string, rest = ''): string {
  return `/api/games/${encodeURIComponent(gameId)}${rest}`;
}
