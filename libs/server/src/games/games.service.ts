import type { BundledScenario, CreatedMember, CreateGameBody, MemberInput, MemberListing } from '@mamoru/contracts';
import type { GameState, NewEvent, UnitId } from '@mamoru/domain';
import {
  decidePause,
  decideResume,
  decideSpeed,
  decideStart,
  decideStop,
  decideTransfer,
  formatIssue,
  gameMsAt,
  MS_PER_MINUTE,
  newEvent,
  parseScenario,
  UNIT_IDS,
} from '@mamoru/domain';
import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AccountsService } from '../auth/accounts.service';
import type { Principal } from '../auth/principal';
import { AppError } from '../errors/app-error';
import { GameRegistry } from './game-registry';
import type { LiveGameOptions } from './game-server-options';
import { LIVE_GAME_OPTIONS } from './game-server-options';
import type { LiveGame } from './live-game';

/** Bundled scenarios that a game may be created from by name. */
const SCENARIOS_DIR = join(__dirname, '..', '..', '..', '..', 'scenarios');

/**
 * Games as organisers run them (game-model §1): create from a scenario, register teams and
 * members, provision shops, and drive the clock. Each action is an event carrying the organiser's
 * login (the audit trail), decided by the rules of libs/domain.
 */
@Injectable()
export class GamesService {
  constructor(
    private readonly registry: GameRegistry,
    private readonly accounts: AccountsService,
    @Inject(LIVE_GAME_OPTIONS) private readonly options: LiveGameOptions,
  ) {}

  async create(body: CreateGameBody, by: Principal): Promise<GameState> {
    const fileName = body.scenarioName ? `${body.scenarioName}.yaml` : 'upload.yaml';
    const source = body.scenarioYaml ?? (await this.bundledScenario(body.scenarioName!));
    const parsed = parseScenario(source, fileName);
    if (!parsed.ok) {
      // Each error says where: `file:line:col: path: message`, as `mamoru validate` prints it.
      throw new AppError(
        400,
        'SCENARIO_INVALID',
        `the scenario has ${parsed.issues.length} problem(s)`,
        parsed.issues.map((i) => ({ path: i.path, message: formatIssue(i) })),
      );
    }
    const scenario = parsed.scenario;
    const seed = body.seed ?? scenario.seed;
    const gameId = body.gameId ?? `${scenario.id}-${seed}`;
    const teams = (body.teams ?? []).map((t, i) => ({ teamId: `team-${i + 1}`, name: t.name, alliance: t.alliance }));
    void by;
    const game = await this.registry.create(gameId, scenario, source, seed, teams);
    return game.state();
  }

  /** The bundled scenarios a game may be created from by name, each checked (a broken one is left out). */
  async bundledScenarios(): Promise<BundledScenario[]> {
    const names = (await readdir(SCENARIOS_DIR).catch(() => [] as string[]))
      .filter((file) => file.endsWith('.yaml'))
      .map((file) => file.slice(0, -'.yaml'.length))
      .sort();
    const found: BundledScenario[] = [];
    for (const name of names) {
      const parsed = parseScenario(await this.bundledScenario(name), `${name}.yaml`);
      if (!parsed.ok) continue;
      const { id, title, durationMinutes, units, timeline } = parsed.scenario;
      found.push({ name, id, title, durationMinutes, units: units.length, injects: timeline.length });
    }
    return found;
  }

  private async bundledScenario(name: string): Promise<string> {
    try {
      return await readFile(join(SCENARIOS_DIR, `${name}.yaml`), 'utf8');
    } catch {
      throw new AppError(404, 'NOT_FOUND', `no bundled scenario "${name}"`);
    }
  }

  /** Teams join before the shops are started; each gets the next number and id `team-<n>`. */
  async registerTeams(gameId: string, teams: { name: string; alliance?: string }[]): Promise<GameState> {
    const game = await this.registry.get(gameId);
    const state = await game.state();
    if (state.clock.status !== 'created' || game.provisioned)
      throw new AppError(409, 'CONFLICT', 'teams are registered before the game starts and its shops are provisioned');
    const taken = new Set(Object.values(state.teams).map((t) => t.name.toLowerCase()));
    let number = state.teamOrder.length;
    const events: NewEvent[] = [];
    for (const team of teams) {
      if (taken.has(team.name.toLowerCase()))
        throw new AppError(409, 'CONFLICT', `a team is already called "${team.name}"`);
      taken.add(team.name.toLowerCase());
      number++;
      const teamId = `team-${number}`;
      events.push(
        newEvent('team.registered', { teamId, name: team.name, number, alliance: team.alliance }, `team:${teamId}`, 0),
      );
    }
    await game.append(events);
    return game.state();
  }

  /** Members one by one or from CSV; each gets an account with a one-time join code. */
  async createMembers(
    gameId: string,
    members: MemberInput[] | undefined,
    csv: string | undefined,
  ): Promise<CreatedMember[]> {
    const game = await this.registry.get(gameId);
    const inputs = members ?? parseMembersCsv(csv ?? '');
    const state = await game.state();
    const units = new Set(state.scenario!.units.map((u) => u.id));
    inputs.forEach((m, i) => {
      if (!state.teams[m.teamId]) throw new AppError(400, 'VALIDATION', `member ${i + 1}: no team "${m.teamId}"`);
      const unknown = m.units.find((u) => !units.has(u));
      if (unknown) throw new AppError(400, 'VALIDATION', `member ${i + 1}: this game has no unit "${unknown}"`);
      if (new Set(m.units).size !== m.units.length)
        throw new AppError(400, 'VALIDATION', `member ${i + 1}: the same unit twice`);
    });
    const created: CreatedMember[] = [];
    const counts = new Map<string, number>();
    for (const m of Object.values(state.members)) counts.set(m.teamId, (counts.get(m.teamId) ?? 0) + 1);
    // Every login is settled before the first account is made: an import is all or nothing.
    const planned = inputs.map((input) => {
      const n = (counts.get(input.teamId) ?? 0) + 1;
      counts.set(input.teamId, n);
      return { input, n, login: input.login ?? `${gameId}.${input.teamId}.${n}` };
    });
    const lower = planned.map((p) => p.login.toLowerCase());
    const repeated = lower.find((login, i) => lower.indexOf(login) !== i);
    if (repeated) throw new AppError(400, 'VALIDATION', `the login "${repeated}" is given twice`);
    const taken = await this.accounts.takenLogins(planned.map((p) => p.login));
    if (taken.length > 0) throw new AppError(409, 'CONFLICT', `these logins are taken: ${taken.join(', ')}`);
    const events: NewEvent[] = [];
    for (const { input, n, login } of planned) {
      const memberId = `${input.teamId}-m${n}-${randomUUID().slice(0, 4)}`;
      const account = await this.accounts.createMember({ gameId, teamId: input.teamId, memberId, login });
      events.push(
        newEvent(
          'member.registered',
          { memberId, teamId: input.teamId, name: input.name, units: input.units },
          `member:${memberId}`,
          0,
        ),
      );
      created.push({
        memberId,
        teamId: input.teamId,
        name: input.name,
        units: input.units,
        login: account.login,
        joinCode: account.joinCode,
      });
    }
    await game.append(events); // one append: the members appear together, in one push
    return created;
  }

  async reissueJoinCode(
    gameId: string,
    memberId: string,
  ): Promise<{ memberId: string; login: string; joinCode: string }> {
    const account = await this.accounts.findMember(gameId, memberId);
    if (!account) throw new AppError(404, 'NOT_FOUND', `no member "${memberId}"`);
    const { joinCode } = await this.accounts.reissueJoinCode(account.id);
    return { memberId, login: account.login, joinCode };
  }

  async listMembers(gameId: string): Promise<MemberListing[]> {
    const game = await this.registry.get(gameId);
    const state = await game.state();
    const accounts = await this.accounts.listMembers(gameId);
    const minute = await game.actionMinute();
    return Object.values(state.members).map((m) => {
      const account = accounts.find((a) => a.memberId === m.memberId);
      return {
        memberId: m.memberId,
        teamId: m.teamId,
        name: m.name,
        units: m.units,
        login: account?.login ?? null,
        joined: account ? account.hasPassword : false,
        awayUntilMinute:
          m.transferredUntilMinute !== undefined && m.transferredUntilMinute > minute ? m.transferredUntilMinute : null,
      };
    });
  }

  // ----- the clock -----

  async provision(gameId: string): Promise<void> {
    const game = await this.registry.get(gameId);
    const state = await game.state();
    if (state.teamOrder.length === 0) throw new AppError(409, 'CONFLICT', 'register teams first');
    await this.registry.provision(game);
  }

  async start(gameId: string, speed: number, by: Principal): Promise<GameState> {
    const game = await this.registry.get(gameId);
    const state = await game.state();
    if (state.teamOrder.length === 0) throw new AppError(409, 'CONFLICT', 'register teams before starting');
    const data = decideStart(state, { speed, by: by.login });
    // The shops serve before the clock runs: the first tick must find them up.
    if (this.options.sandboxes === 'embedded' && (game.leading || this.options.withWorkers))
      await this.registry.provision(game);
    return this.clockEvent(game, newEvent('clock.started', data, 'clock.started', 0));
  }

  async pause(gameId: string, by: Principal, reason?: string): Promise<GameState> {
    const game = await this.registry.get(gameId);
    const state = await game.state();
    const data = decidePause(state, { by: by.login, reason });
    return this.clockEvent(game, newEvent('clock.paused', data, `clock:${randomUUID()}`, gameMsNow(state)));
  }

  async resume(gameId: string, by: Principal): Promise<GameState> {
    const game = await this.registry.get(gameId);
    const state = await game.state();
    const data = decideResume(state, { by: by.login });
    return this.clockEvent(game, newEvent('clock.resumed', data, `clock:${randomUUID()}`, gameMsNow(state)));
  }

  async speed(gameId: string, speed: number, by: Principal): Promise<GameState> {
    const game = await this.registry.get(gameId);
    const state = await game.state();
    const data = decideSpeed(state, { speed, by: by.login });
    return this.clockEvent(game, newEvent('clock.speed-changed', data, `clock:${randomUUID()}`, gameMsNow(state)));
  }

  async stop(gameId: string, by: Principal, reason?: string): Promise<GameState> {
    const game = await this.registry.get(gameId);
    const state = await game.state();
    const atMinute = await game.actionMinute();
    const data = decideStop(state, { by: by.login, reason, atMinute });
    return this.clockEvent(game, newEvent('game.ended', data, 'game.ended', atMinute * MS_PER_MINUTE));
  }

  /** 人事異動 by hand: the member's login is refused for `minutes` game minutes. */
  async transfer(
    gameId: string,
    memberId: string,
    minutes: number,
    by: Principal,
    reason?: string,
  ): Promise<GameState> {
    const game = await this.registry.get(gameId);
    const state = await game.state();
    const atMinute = await game.actionMinute();
    const data = decideTransfer(state, { memberId, minutes, by: by.login, reason, atMinute });
    await game.append([newEvent('member.transferred', data, `transfer:${randomUUID()}`, atMinute * MS_PER_MINUTE)]);
    return game.state();
  }

  private async clockEvent(game: LiveGame, event: NewEvent): Promise<GameState> {
    const result = await game.append([event]);
    if (result.appended.length === 0) throw new AppError(409, 'CONFLICT', 'the clock has already moved that way');
    return game.state();
  }
}

function gameMsNow(state: GameState): number {
  return Math.round(gameMsAt(state.clock, Date.now()));
}

/** `team,name,units,login` with a header line; units separated by `|` or `;`; login optional. */
export function parseMembersCsv(csv: string): MemberInput[] {
  const lines = csv
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
  if (lines.length < 2) throw new AppError(400, 'VALIDATION', 'the CSV needs a header line and at least one member');
  const header = splitCsvLine(lines[0]).map((h) => h.toLowerCase());
  const col = (name: string) => header.indexOf(name);
  if (col('team') < 0 || col('name') < 0 || col('units') < 0)
    throw new AppError(
      400,
      'VALIDATION',
      'the CSV header must name the columns team, name, units (and optionally login)',
    );
  if (lines.length - 1 > 1000) throw new AppError(400, 'VALIDATION', 'at most 1,000 members per import');
  return lines.slice(1).map((line, i) => {
    const cells = splitCsvLine(line);
    const units = (cells[col('units')] ?? '')
      .split(/[|;]/)
      .map((u) => u.trim())
      .filter(Boolean);
    const row = i + 2;
    const bad = units.find((u) => !(UNIT_IDS as readonly string[]).includes(u));
    if (bad !== undefined) throw new AppError(400, 'VALIDATION', `CSV line ${row}: unknown unit "${bad}"`);
    if (units.length < 1 || units.length > 2)
      throw new AppError(400, 'VALIDATION', `CSV line ${row}: a member has one or two units`);
    const teamId = (cells[col('team')] ?? '').trim();
    const name = (cells[col('name')] ?? '').trim();
    if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(teamId))
      throw new AppError(400, 'VALIDATION', `CSV line ${row}: bad team id`);
    if (name.length < 1 || name.length > 100)
      throw new AppError(400, 'VALIDATION', `CSV line ${row}: a name is 1 to 100 characters`);
    const login = col('login') >= 0 ? (cells[col('login')] ?? '').trim() : '';
    if (login && !/^[a-zA-Z0-9][a-zA-Z0-9._-]{0,62}$/.test(login))
      throw new AppError(400, 'VALIDATION', `CSV line ${row}: a login is letters, digits, ".", "_" or "-"`);
    return { teamId, name, units: units as UnitId[], login: login || undefined };
  });
}

/** One CSV line: commas separate, double quotes quote (with "" for a quote). */
function splitCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      cells.push(cell);
      cell = '';
    } else cell += ch;
  }
  cells.push(cell);
  return cells;
}
