import type { BotTeam } from '@mamoru/engine';

/** How this server process runs the games it serves (set by `mamoru serve` or the standalone main). */
export interface LiveGameOptions {
  /** Names this process in leader locks and logs. */
  nodeId: string;
  /** Games keep their files (shops, archives) under `<dataDir>/games/<game>`. */
  dataDir: string;
  redisUrl: string;
  /**
   * `embedded`: this process starts a bundled shop per team for the games it creates or leads.
   * `shared`: shops are read from `<dataDir>/games/<game>/sandboxes.json` (written by the process
   * that started them, or by the operator for external machines).
   */
  sandboxes: 'embedded' | 'shared';
  /** Run the BullMQ tick and attack processors in this process (embedded mode). */
  withWorkers: boolean;
  /**
   * Open the games whose clock runs or is paused at start and when another process starts one, to
   * lead their clocks (default true). Tests on a shared database turn it off: they open their own.
   */
  resumeGames?: boolean;
  /** How long a clock leader's lock lives without renewal. */
  leaderTtlMs?: number;
  /** Simulated teams for a demo game (acting through the HTTP API): asked for when this process starts leading a game's clock. */
  bots?: (gameId: string) => Promise<BotTeam[]>;
  /** Written into archives. */
  version: string;
}

export const LIVE_GAME_OPTIONS = Symbol('LIVE_GAME_OPTIONS');
