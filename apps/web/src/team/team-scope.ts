import type { TeamApi } from './team-api';
import type { BlockReason } from './team-logic';

/** What every team panel shares: the server, the team's routes and whether actions are refused now. */
export interface TeamScope {
  api: TeamApi;
  /** `/api/games/:g/teams/:t` */
  base: string;
  /** Set while the game is not running: action buttons are disabled with this reason. */
  block: BlockReason | null;
  clockStartsAtMinutes: number | undefined;
}
