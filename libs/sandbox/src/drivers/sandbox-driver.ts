import type { Scenario } from '@mamoru/domain';

/** Where one team's shop answers, and the secrets the platform shares with it. */
export interface ShopEndpoint {
  teamId: string;
  /** e.g. `http://127.0.0.1:40123`, without a trailing slash. */
  baseUrl: string;
  /** Bearer token of the shop's `/_ops` API. */
  opsToken: string;
  /** Content of the `<meta name="mamoru-integrity">` tag the crawler looks for. */
  integrityToken: string;
}

export interface ProvisionRequest {
  gameId: string;
  scenario: Scenario;
  seed: number;
  teams: { teamId: string; name: string }[];
  /** The game's data directory; shops keep their files under `<dataDir>/shops/<teamId>`. */
  dataDir: string;
}

/**
 * How the platform gets a shop per team (game-model §7): bundled shops started as child processes
 * (`EmbeddedDriver`) or machines run elsewhere and given by URL (`ExternalDriver`).
 */
export interface SandboxDriver {
  /** Makes every team's shop reachable and returns their endpoints in the order of `teams`. */
  provision(game: ProvisionRequest): Promise<ShopEndpoint[]>;
  /** The team's current endpoint (it may change after a restart). Throws for an unknown team. */
  endpoint(teamId: string): ShopEndpoint;
  /** Restarts the team's shop; resolves once it serves again. */
  restart(teamId: string): Promise<void>;
  /**
   * Gives the team a fresh shop at its initial state (the scenario's vulnerabilities open again,
   * default accounts, list prices and stock, no orders, backups or logs) at the same endpoint;
   * resolves once it serves. Throws when this driver cannot reset its shops.
   */
  reset(teamId: string): Promise<void>;
  isRunning(teamId: string): boolean;
  /** Stops everything this driver started. Idempotent. */
  stop(): Promise<void>;
}
