import { Injectable } from '@nestjs/common';
import { GameRegistry } from '../games/game-registry';
import type { AuditPage } from '@mamoru/contracts';
import { AuditTrails } from './audit-trail';

/** The organiser actions of a game in log order, by page (see audit-trail.ts). */
@Injectable()
export class AuditService {
  private readonly trails: AuditTrails;

  constructor(private readonly registry: GameRegistry) {
    this.trails = new AuditTrails((gameId, range) => registry.store.read(gameId, range));
  }

  async page(gameId: string, afterSeq: number, limit: number): Promise<AuditPage> {
    const state = await (await this.registry.get(gameId)).state();
    return this.trails.page(gameId, state.seq, afterSeq, limit);
  }
}
