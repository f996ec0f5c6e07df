import type { LiveMessage } from '@mamoru/contracts';
import type { GameState } from '@mamoru/domain';
import { actionMinute, memberAway } from '@mamoru/domain';
import type { OnApplicationBootstrap } from '@nestjs/common';
import { Injectable, Logger } from '@nestjs/common';
import { GameRegistry } from '../games/game-registry';
import type { LiveGame } from '../games/live-game';
import { MetricsService } from '../metrics/metrics.service';
import type { SocketData } from './live.gateways';
import { AudienceGateway, ControlGateway, TeamGateway } from './live.gateways';
import { LiveViewsService } from './live-views.service';
import { audienceRoom, controlRoom, teamRoom } from './rooms';

interface PushState {
  /** Members away on a transfer at the last push (their sockets were closed). */
  away: Set<string>;
  running: boolean;
  pending: boolean;
  lastSeq: number | null;
  tickClosedAtMs: number | null;
}

/**
 * The game's leader pushes every change to the rooms of all three namespaces: one emitter per game,
 * so with the Redis streams adapter every client on every server process gets each update once, in
 * order. Changes that arrive while a push is being built are folded into the next push: a slow
 * moment skips stale states but always ends on the latest.
 */
@Injectable()
export class PushService implements OnApplicationBootstrap {
  private readonly logger = new Logger('push');
  private readonly games = new Map<string, PushState>();

  constructor(
    private readonly registry: GameRegistry,
    private readonly views: LiveViewsService,
    private readonly metrics: MetricsService,
    private readonly audience: AudienceGateway,
    private readonly teams: TeamGateway,
    private readonly control: ControlGateway,
  ) {}

  onApplicationBootstrap(): void {
    this.registry.onChange((game, tickClosedAtMs) => {
      if (game.leading) this.schedule(game, tickClosedAtMs);
    });
  }

  schedule(game: LiveGame, tickClosedAtMs: number | null): void {
    let push = this.games.get(game.gameId);
    if (!push) {
      push = { away: new Set(), running: false, pending: false, lastSeq: null, tickClosedAtMs: null };
      this.games.set(game.gameId, push);
    }
    if (tickClosedAtMs !== null) push.tickClosedAtMs = tickClosedAtMs;
    push.pending = true;
    if (!push.running) void this.drain(game, push);
  }

  private async drain(game: LiveGame, push: PushState): Promise<void> {
    push.running = true;
    try {
      while (push.pending && game.leading) {
        push.pending = false;
        const closedAt = push.tickClosedAtMs;
        push.tickClosedAtMs = null;
        await this.pushOnce(game, push, closedAt);
      }
    } catch (error) {
      this.logger.error(`push of ${game.gameId}: ${String(error)}`);
    } finally {
      push.running = false;
    }
  }

  private async pushOnce(game: LiveGame, push: PushState, tickClosedAtMs: number | null): Promise<void> {
    const state = await game.state();
    if (push.lastSeq === state.seq) return; // each update once: nothing new since the last push
    const message = <V>(view: V): LiveMessage<V> => ({ seq: state.seq, prevSeq: push.lastSeq, tickClosedAtMs, view });
    this.audience.namespace.to(audienceRoom(game.gameId)).emit('update', message(await this.views.audience(game)));
    this.control.namespace.to(controlRoom(game.gameId)).emit('update', message(await this.views.control(game)));
    for (const teamId of state.teamOrder) {
      this.teams.namespace
        .to(teamRoom(game.gameId, teamId))
        .emit('update', message(await this.views.team(game, teamId)));
    }
    if (tickClosedAtMs !== null) {
      const seconds = Math.max(0, Date.now() - tickClosedAtMs) / 1000;
      this.metrics.observePush('audience', seconds);
    }
    push.lastSeq = state.seq;
    await this.closeAwayMembers(game, state, push);
  }

  /**
   * A member sent away on a transfer loses the team channel at once, on every server process
   * (their REST calls are refused by the auth guard); they may connect again once it ends.
   */
  private async closeAwayMembers(game: LiveGame, state: GameState, push: PushState): Promise<void> {
    const minute = actionMinute(state, Date.now());
    const away = new Set(Object.keys(state.members).filter((id) => memberAway(state, id, minute)));
    const newlyAway = [...away].filter((id) => !push.away.has(id));
    push.away = away;
    for (const memberId of newlyAway) {
      const member = state.members[memberId];
      const sockets = await this.teams.namespace.in(teamRoom(game.gameId, member.teamId)).fetchSockets();
      for (const socket of sockets) {
        if ((socket.data as SocketData).memberId !== memberId) continue;
        socket.emit('refused', {
          code: 'MEMBER_DISABLED',
          message: `you are away on a transfer until game minute ${member.transferredUntilMinute}`,
        });
        socket.disconnect(true);
      }
    }
  }
}
