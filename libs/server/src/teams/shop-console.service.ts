import { ACTION_UNITS } from '@mamoru/domain';
import type { ActionResult } from '@mamoru/engine';
import type { ShopSettings } from '@mamoru/sandbox';
import { ShopOpsClient } from '@mamoru/sandbox';
import { Injectable } from '@nestjs/common';
import { AppError } from '../errors/app-error';
import type { LiveGame } from '../games/live-game';
import type { TeamActor } from './team-gate';
import { base, TeamGate } from './team-gate';

/**
 * The ops console of a team's own shop (game-model §7), for its tech unit, proxied through the
 * server: the shop's ops token never reaches a browser. Changes go through the engine's
 * TeamActionService (an event per operation, no secrets in it); reads go to the shop directly.
 */
@Injectable()
export class ShopConsoleService {
  constructor(private readonly gate: TeamGate) {}

  async settings(actor: Omit<TeamActor, 'key'>): Promise<ShopSettings> {
    const game = await this.gate.member(actor, ACTION_UNITS.shopConsole);
    return askShop(() => this.ops(game, actor.teamId).getSettings());
  }

  /** The latest lines of the shop's access log, as plain strings (shown as text, never as markup). */
  async logs(actor: Omit<TeamActor, 'key'>, limit: number): Promise<{ lines: string[] }> {
    const game = await this.gate.member(actor, ACTION_UNITS.shopConsole);
    return { lines: await askShop(() => this.ops(game, actor.teamId).logs(limit)) };
  }

  updateSettings(actor: TeamActor, settings: Partial<ShopSettings>): Promise<ActionResult> {
    return this.gate.act(actor, ACTION_UNITS.shopConsole, (game, member) =>
      game.host.actions.updateShopSettings({ ...base(member), settings }),
    );
  }

  setAdminPassword(actor: TeamActor, password: string): Promise<ActionResult> {
    return this.gate.act(actor, ACTION_UNITS.shopConsole, (game, member) =>
      game.host.actions.changeAdminPassword({ ...base(member), password }),
    );
  }

  restart(actor: TeamActor): Promise<ActionResult> {
    return this.gate.act(actor, ACTION_UNITS.shopConsole, (game, member) =>
      game.host.actions.restartShop(base(member)),
    );
  }

  backup(actor: TeamActor): Promise<ActionResult> {
    return this.gate.act(actor, ACTION_UNITS.shopConsole, (game, member) => game.host.actions.backupShop(base(member)));
  }

  restore(actor: TeamActor): Promise<ActionResult> {
    return this.gate.act(actor, ACTION_UNITS.shopConsole, (game, member) =>
      game.host.actions.restoreShop(base(member)),
    );
  }

  /**
   * Pushes the team's own prices, stock and notices to its shop again (after tampering). It appends
   * nothing and is harmless to repeat, so a retried key simply pushes again.
   */
  resync(actor: TeamActor): Promise<ActionResult> {
    return this.gate.act(actor, ACTION_UNITS.shopConsole, async (game) => {
      await askShop(() => game.host.actions.resyncShop(actor.teamId));
      return { applied: true, seq: (await game.state()).seq };
    });
  }

  private ops(game: LiveGame, teamId: string): ShopOpsClient {
    return new ShopOpsClient(game.sandboxes.endpoint(teamId));
  }
}

/** A shop that does not answer (or is not running) is a 502 SHOP_UNREACHABLE, whatever the cause. */
async function askShop<T>(ask: () => Promise<T>): Promise<T> {
  try {
    return await ask();
  } catch (error) {
    throw new AppError(502, 'SHOP_UNREACHABLE', `The shop did not answer: ${(error as Error).message}`);
  }
}
