import type { ControlHealth } from '@mamoru/contracts';
import type { ControlView } from '@mamoru/domain';
import type { RequestOptions } from '../api/client';
import type { GameSummary } from '../api/games';
import type { Names } from './control-room';

export type { GameSummary };
// What the server answers (libs/contracts/src/answers.ts), under the names the panels use.
export type {
  AuditEntry,
  AuditPage,
  BundledScenario,
  ControlHealth,
  CreatedMember as IssuedMember,
  MemberListing as MemberRow,
} from '@mamoru/contracts';

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

export type ControlOverview = ControlView & { health: ControlHealth };

/** The API path of a game (`/api/games/<g>`) with `rest` appended. */
export function gamePath(gameId: string, rest = ''): string {
  return `/api/games/${encodeURIComponent(gameId)}${rest}`;
}
