import type { ControlHealth } from '@mamoru/contracts';
import type { ControlView, UnitId } from '@mamoru/domain';
import {
  controlView,
  decideAdjustment,
  decideAnnouncement,
  decideFire,
  decideFreeze,
  decideReschedule,
  decideSandboxReset,
  decideSkip,
  decideUnfreeze,
  MS_PER_MINUTE,
  newEvent,
  parseGameTime,
} from '@mamoru/domain';
import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Principal } from '../auth/principal';
import { AppError } from '../errors/app-error';
import type { LiveGame } from '../games/live-game';
import type { OrganiserActionResult } from './organiser-actions';
import { OrganiserActions } from './organiser-actions';

const QUEUE_COUNTS_TIMEOUT_MS = 2000;

/**
 * The control room's use cases (game-model §1, §6, §9, §10): the live overview with the health of
 * queues and shops, the timeline (fire, skip, reschedule), adjustments, the board freeze,
 * announcements and sandbox resets. Each change is decided by a libs/domain rule and carries the
 * organiser's login: the audit trail.
 */
@Injectable()
export class ControlService {
  private readonly logger = new Logger('control');

  constructor(private readonly actions: OrganiserActions) {}

  async overview(gameId: string): Promise<ControlView & { health: ControlHealth }> {
    const game = await this.actions.game(gameId);
    const state = await game.state();
    const view = controlView(state, Date.now());
    const shops = state.teamOrder.map((teamId) => ({
      teamId,
      running: game.sandboxes.isRunning(teamId),
      baseUrl: endpointUrl(game, teamId),
    }));
    return { ...view, health: { queues: await queueCounts(game), shops, leader: game.leading } };
  }

  /**
   * Fires an inject now: `inject.fired`, then the runner delivers it (inbox) or runs it (attack) for
   * its teams. An inject fires once: firing it again runs the delivery again (keys make that a no-op
   * when it got through), which completes a firing that an earlier request left half done.
   */
  async fire(gameId: string, injectId: string, principal: Principal, reason?: string): Promise<OrganiserActionResult> {
    const result = await this.actions.run(gameId, 'fire', injectId, (state, atMinute, key) =>
      newEvent(
        'inject.fired',
        decideFire(state, { injectId, by: principal.login, reason, atMinute }),
        key,
        atMinute * MS_PER_MINUTE,
      ),
    );
    const game = await this.actions.game(gameId);
    const firedAt = (await game.state()).injectOverrides[injectId]?.firedAtMinute;
    if (firedAt === undefined) return result;
    await game.host.runner.fireNow(injectId, firedAt);
    const seq = await game.host.ctx.store.lastSeq(gameId);
    await game.afterAppend(seq); // the runner appended the deliveries straight to the store
    return { applied: result.applied, seq };
  }

  skip(gameId: string, injectId: string, principal: Principal, reason?: string): Promise<OrganiserActionResult> {
    return this.actions.run(gameId, 'skip', injectId, (state, atMinute, key) =>
      newEvent(
        'inject.skipped',
        decideSkip(state, { injectId, by: principal.login, reason, atMinute }),
        key,
        atMinute * MS_PER_MINUTE,
      ),
    );
  }

  reschedule(
    gameId: string,
    injectId: string,
    body: { at: string; reason?: string },
    principal: Principal,
    clientKey?: string,
  ): Promise<OrganiserActionResult> {
    const toMinute = parseGameTime(body.at);
    return this.actions.run(gameId, 'reschedule', clientKey, (state, atMinute, key) =>
      newEvent(
        'inject.rescheduled',
        decideReschedule(state, { injectId, toMinute, by: principal.login, reason: body.reason, atMinute }),
        key,
        atMinute * MS_PER_MINUTE,
      ),
    );
  }

  adjust(
    gameId: string,
    teamId: string,
    body: { target: 'esc' | UnitId; amount: number; reason: string },
    principal: Principal,
    clientKey?: string,
  ): Promise<OrganiserActionResult> {
    return this.actions.run(gameId, 'adjust', clientKey, (state, atMinute, key) =>
      newEvent(
        'score.adjusted',
        decideAdjustment(state, { teamId, ...body, by: principal.login, atMinute }),
        key,
        atMinute * MS_PER_MINUTE,
      ),
    );
  }

  freeze(gameId: string, principal: Principal, clientKey?: string): Promise<OrganiserActionResult> {
    return this.actions.run(gameId, 'freeze', clientKey, (state, atMinute, key) =>
      newEvent('board.frozen', decideFreeze(state, { by: principal.login, atMinute }), key, atMinute * MS_PER_MINUTE),
    );
  }

  unfreeze(gameId: string, principal: Principal, clientKey?: string): Promise<OrganiserActionResult> {
    return this.actions.run(gameId, 'unfreeze', clientKey, (state, atMinute, key) =>
      newEvent(
        'board.unfrozen',
        decideUnfreeze(state, { by: principal.login, atMinute }),
        key,
        atMinute * MS_PER_MINUTE,
      ),
    );
  }

  announce(gameId: string, text: string, principal: Principal, clientKey?: string): Promise<OrganiserActionResult> {
    return this.actions.run(gameId, 'announcement', clientKey, (_state, atMinute, key) =>
      newEvent(
        'announcement.posted',
        decideAnnouncement({ announcementId: randomUUID(), text, by: principal.login, atMinute }),
        key,
        atMinute * MS_PER_MINUTE,
      ),
    );
  }

  /**
   * Gives a team a fresh shop (initial content, the scenario's vulnerabilities open again), pushes
   * the team's own prices, stock and notices to it, and logs the reset with its reason.
   */
  async resetSandbox(
    gameId: string,
    teamId: string,
    reason: string,
    principal: Principal,
    clientKey?: string,
  ): Promise<OrganiserActionResult & { resynced: boolean }> {
    const game = await this.actions.game(gameId);
    const request = { teamId, by: principal.login, reason };
    if (clientKey !== undefined && (await game.host.ctx.store.hasKey(gameId, `sandbox-reset:${clientKey}`)))
      return { applied: false, seq: (await game.state()).seq, resynced: true };
    decideSandboxReset(await game.state(), { ...request, atMinute: await game.actionMinute() });
    try {
      await game.sandboxes.reset(teamId);
    } catch (error) {
      throw new AppError(
        502,
        'SANDBOX_RESET_FAILED',
        `The shop of ${teamId} was not reset: ${(error as Error).message}`,
      );
    }
    let resynced = true;
    try {
      await game.host.actions.resyncShop(teamId);
    } catch (error) {
      resynced = false;
      this.logger.warn(`game ${gameId}: the reset shop of ${teamId} did not take its catalog: ${String(error)}`);
    }
    const result = await this.actions.run(gameId, 'sandbox-reset', clientKey, (state, atMinute, key) =>
      newEvent('sandbox.reset', decideSandboxReset(state, { ...request, atMinute }), key, atMinute * MS_PER_MINUTE),
    );
    return { ...result, resynced };
  }
}

function endpointUrl(game: LiveGame, teamId: string): string | null {
  try {
    return game.sandboxes.endpoint(teamId).baseUrl;
  } catch {
    return null; // not provisioned (yet) in this process
  }
}

/** BullMQ waits for Redis forever: the overview must not. */
async function queueCounts(game: LiveGame): Promise<ControlHealth['queues']> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), QUEUE_COUNTS_TIMEOUT_MS);
  });
  try {
    return await Promise.race([game.host.queues.counts().catch(() => null), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
