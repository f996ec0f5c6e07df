import type { GameState, NewEvent } from '@mamoru/domain';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { GameRegistry } from '../games/game-registry';
import type { LiveGame } from '../games/live-game';

export interface OrganiserActionResult {
  /** False when the request's Idempotency-Key had acted already: nothing was done again. */
  applied: boolean;
  seq: number;
}

/**
 * How an organiser action reaches the log: decided by a libs/domain rule on the current state at
 * the current game minute, one at a time per game in this process (two organisers freezing at once
 * freeze once), appended through the game so every process hears of it.
 */
@Injectable()
export class OrganiserActions {
  private readonly locks = new Map<string, Promise<unknown>>();

  constructor(private readonly registry: GameRegistry) {}

  game(gameId: string): Promise<LiveGame> {
    return this.registry.get(gameId);
  }

  /**
   * @param keyPrefix the event's idempotency key is `<keyPrefix>:<client key or a new uuid>`
   * @param clientKey the request's optional Idempotency-Key: a retry with it acts once
   */
  async run(
    gameId: string,
    keyPrefix: string,
    clientKey: string | undefined,
    decide: (state: GameState, atMinute: number, key: string) => NewEvent,
  ): Promise<OrganiserActionResult> {
    const game = await this.registry.get(gameId);
    return this.serialised(gameId, async () => {
      const key = `${keyPrefix}:${clientKey ?? randomUUID()}`;
      if (clientKey !== undefined && (await this.registry.store.hasKey(gameId, key)))
        return { applied: false, seq: (await game.state()).seq };
      const atMinute = await game.actionMinute();
      const event = decide(await game.state(), atMinute, key);
      const result = await game.append([event]);
      return { applied: result.appended.length > 0, seq: result.lastSeq };
    });
  }

  private async serialised<T>(gameId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.locks.get(gameId) ?? Promise.resolve();
    const run = previous.then(work, work);
    const settled = run.catch(() => undefined);
    this.locks.set(gameId, settled);
    try {
      return await run;
    } finally {
      if (this.locks.get(gameId) === settled) this.locks.delete(gameId);
    }
  }
}
