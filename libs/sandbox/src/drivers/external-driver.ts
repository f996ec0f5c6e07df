import { readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { ShopHttpClient } from '../http/shop-http';
import { ShopOpsClient } from '../ops/shop-ops-client';
import type { ProvisionRequest, SandboxDriver, ShopEndpoint } from './sandbox-driver';

/**
 * The external sandbox driver: shops run elsewhere (the organisers' own machines, as real events
 * do) and are given by URL in a JSON file. Nothing is started or supervised here: `restart` asks
 * the shop itself through its ops API, and `isRunning` only says whether the team has a shop.
 * A process that never provisions (a scoring worker next to the server that did) may call
 * `endpoint` straight away: the file is then read on first use. With `followFile` it is read again
 * whenever it changes (the embedded driver rewrites it when a rerun or a reset moves a shop).
 */

export const ExternalSandboxConfigSchema = z.strictObject({
  teams: z
    .array(
      z.strictObject({
        teamId: z.string().min(1),
        baseUrl: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }),
        opsToken: z.string().min(1),
        integrityToken: z.string().min(1),
      }),
    )
    .min(1),
});
export type ExternalSandboxConfig = z.infer<typeof ExternalSandboxConfigSchema>;

export interface ExternalDriverOptions {
  /** The JSON file `{ teams: [{ teamId, baseUrl, opsToken, integrityToken }] }`. */
  configPath: string;
  /** Read the file again whenever it changes, instead of once. */
  followFile?: boolean;
  /** Timeout of the restart request (default 5 s). */
  timeoutMs?: number;
  http?: ShopHttpClient;
}

export class ExternalDriver implements SandboxDriver {
  private endpoints: Map<string, ShopEndpoint> | undefined;
  /** Identity of the file version `endpoints` came from, when following the file. */
  private fileVersion: string | undefined;
  private readonly options: ExternalDriverOptions;

  /** `options` may be just the config file's path. */
  constructor(options: ExternalDriverOptions | string) {
    this.options = typeof options === 'string' ? { configPath: options } : options;
  }

  async provision(game: ProvisionRequest): Promise<ShopEndpoint[]> {
    const config = await loadExternalSandboxConfig(this.options.configPath);
    const byTeam = new Map(config.teams.map((entry) => [entry.teamId, entry]));
    const missing = game.teams.filter((team) => !byTeam.has(team.teamId)).map((team) => team.teamId);
    if (missing.length > 0) {
      throw new Error(
        `external sandbox config ${this.options.configPath} has no shop for team(s) ${missing.join(', ')} ` +
          `(it lists ${config.teams.map((t) => t.teamId).join(', ')})`,
      );
    }
    this.endpoints = new Map(game.teams.map((team) => [team.teamId, toEndpoint(byTeam.get(team.teamId)!)]));
    return game.teams.map((team) => ({ ...this.endpoints!.get(team.teamId)! }));
  }

  endpoint(teamId: string): ShopEndpoint {
    if (this.options.followFile) this.reloadIfChanged();
    this.endpoints ??= this.readEndpoints();
    const endpoint = this.endpoints.get(teamId);
    if (!endpoint) throw new Error(`external sandbox config ${this.options.configPath} has no shop for team ${teamId}`);
    return { ...endpoint };
  }

  private readEndpoints(): Map<string, ShopEndpoint> {
    const { configPath } = this.options;
    return new Map(
      parseExternalSandboxConfig(readConfigText(configPath), configPath).teams.map((entry) => [
        entry.teamId,
        toEndpoint(entry),
      ]),
    );
  }

  private reloadIfChanged(): void {
    let version: string;
    try {
      const stat = statSync(this.options.configPath);
      version = `${stat.ino}:${stat.size}:${stat.mtimeMs}`;
    } catch {
      return; // gone for a moment: keep the endpoints we have (or fail below with the reason)
    }
    if (version === this.fileVersion) return;
    try {
      this.endpoints = this.readEndpoints();
      this.fileVersion = version;
    } catch (error) {
      if (!this.endpoints) throw error; // otherwise keep the last good endpoints and read it again next time
    }
  }

  async restart(teamId: string): Promise<void> {
    await new ShopOpsClient(this.endpoint(teamId), {
      timeoutMs: this.options.timeoutMs,
      http: this.options.http,
    }).restart();
  }

  /** The bundled shop's ops API has no reset route: whoever runs the machines resets them. */
  async reset(teamId: string): Promise<void> {
    const { baseUrl } = this.endpoint(teamId);
    throw new Error(
      `the shop of team ${teamId} (${baseUrl}) is an external sandbox: external sandboxes are reset by their operator, not by Mamoru`,
    );
  }

  /** External machines are not supervised here; the crawler's probe is what tells if one is up. */
  isRunning(teamId: string): boolean {
    return this.endpoints?.has(teamId) ?? false;
  }

  /** Nothing to stop: the shops are not ours. */
  async stop(): Promise<void> {}
}

function toEndpoint(entry: ExternalSandboxConfig['teams'][number]): ShopEndpoint {
  return { ...entry, baseUrl: entry.baseUrl.replace(/\/+$/, '') };
}

export async function loadExternalSandboxConfig(configPath: string): Promise<ExternalSandboxConfig> {
  let text: string;
  try {
    text = await readFile(configPath, 'utf8');
  } catch (error) {
    throw new Error(`cannot read external sandbox config ${configPath}: ${(error as Error).message}`);
  }
  return parseExternalSandboxConfig(text, configPath);
}

function readConfigText(configPath: string): string {
  try {
    return readFileSync(configPath, 'utf8');
  } catch (error) {
    throw new Error(`cannot read external sandbox config ${configPath}: ${(error as Error).message}`);
  }
}

export function parseExternalSandboxConfig(text: string, configPath: string): ExternalSandboxConfig {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`external sandbox config ${configPath} is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = ExternalSandboxConfigSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new Error(`external sandbox config ${configPath} is invalid:\n${problems.join('\n')}`);
  }
  const seen = new Set<string>();
  for (const team of parsed.data.teams) {
    if (seen.has(team.teamId)) throw new Error(`external sandbox config ${configPath} lists team ${team.teamId} twice`);
    seen.add(team.teamId);
  }
  return parsed.data;
}
