import { readFileSync } from 'node:fs';
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
 * `endpoint` straight away: the file is then read on first use.
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
  /** Timeout of the restart request (default 5 s). */
  timeoutMs?: number;
  http?: ShopHttpClient;
}

export class ExternalDriver implements SandboxDriver {
  private endpoints: Map<string, ShopEndpoint> | undefined;
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
    this.endpoints ??= new Map(
      parseExternalSandboxConfig(readConfigText(this.options.configPath), this.options.configPath).teams.map(
        (entry) => [entry.teamId, toEndpoint(entry)],
      ),
    );
    const endpoint = this.endpoints.get(teamId);
    if (!endpoint) throw new Error(`external sandbox config ${this.options.configPath} has no shop for team ${teamId}`);
    return { ...endpoint };
  }

  async restart(teamId: string): Promise<void> {
    await new ShopOpsClient(this.endpoint(teamId), {
      timeoutMs: this.options.timeoutMs,
      http: this.options.http,
    }).restart();
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
