import type { NamespaceName, ViewsByNamespace } from '@mamoru/contracts';
import { audienceView, controlView, teamView } from '@mamoru/domain';
import { Injectable } from '@nestjs/common';
import type { LiveGame } from '../games/live-game';

/** Builds what each namespace may see of a game, from the live state (and the frozen one for the audience). */
@Injectable()
export class LiveViewsService {
  async audience(game: LiveGame): Promise<ViewsByNamespace['audience']> {
    return audienceView(await game.state(), await game.frozenState(), Date.now());
  }

  async team(game: LiveGame, teamId: string): Promise<ViewsByNamespace['team']> {
    return teamView(await game.state(), teamId, Date.now());
  }

  async control(game: LiveGame): Promise<ViewsByNamespace['control']> {
    return controlView(await game.state(), Date.now());
  }

  async view<N extends NamespaceName>(namespace: N, game: LiveGame, teamId?: string): Promise<ViewsByNamespace[N]> {
    switch (namespace) {
      case 'audience':
        return (await this.audience(game)) as ViewsByNamespace[N];
      case 'team':
        return (await this.team(game, teamId!)) as ViewsByNamespace[N];
      case 'control':
        return (await this.control(game)) as ViewsByNamespace[N];
    }
    throw new Error(`no namespace ${String(namespace)}`);
  }
}
