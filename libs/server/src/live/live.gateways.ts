import type { ClientToServerEvents, LiveMessage, NamespaceName, ServerToClientEvents } from '@mamoru/contracts';
import { AudienceHandshakeSchema, AuthenticatedHandshakeSchema, NAMESPACES } from '@mamoru/contracts';
import { Inject, Logger, Optional } from '@nestjs/common';
import type { OnGatewayConnection, OnGatewayDisconnect } from '@nestjs/websockets';
import { SubscribeMessage, WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import type { Namespace, Socket } from 'socket.io';
import { AuthService } from '../auth/auth.service';
import type { MemberAccess } from '../auth/member-access';
import { MEMBER_ACCESS } from '../auth/member-access';
import type { Principal } from '../auth/principal';
import { AppError } from '../errors/app-error';
import { GameRegistry } from '../games/game-registry';
import type { LiveGame } from '../games/live-game';
import { MetricsService } from '../metrics/metrics.service';
import { LiveViewsService } from './live-views.service';
import { audienceRoom, controlRoom, teamRoom } from './rooms';

type LiveSocket = Socket<ClientToServerEvents, ServerToClientEvents<unknown>, object, SocketData>;

export interface SocketData {
  gameId: string;
  teamId?: string;
  /** Members' sockets: who is connected (a transfer ends their connection). */
  memberId?: string;
}

/**
 * The shared part of the three namespaces: who may join (parsed handshake, checked token), which
 * room, and the snapshot on connect and on `resync`. Updates are pushed by the game's leader
 * (PushService) to the rooms; these gateways never push on their own.
 */
abstract class LiveGateway implements OnGatewayConnection, OnGatewayDisconnect {
  protected readonly logger = new Logger('live');
  @WebSocketServer() namespace!: Namespace;

  constructor(
    protected readonly name: NamespaceName,
    protected readonly registry: GameRegistry,
    protected readonly views: LiveViewsService,
    protected readonly metrics: MetricsService,
  ) {}

  /** Checks the handshake and returns the game and room, or throws an AppError. */
  protected abstract admit(
    socket: LiveSocket,
  ): Promise<{ game: LiveGame; room: string; teamId?: string; memberId?: string }>;

  async handleConnection(socket: LiveSocket): Promise<void> {
    this.metrics.socketConnected(this.name);
    try {
      const { game, room, teamId, memberId } = await this.admit(socket);
      socket.data = { gameId: game.gameId, teamId, memberId };
      await socket.join(room);
      await this.sendSnapshot(socket, game);
    } catch (error) {
      const refusal =
        error instanceof AppError
          ? { code: error.code, message: error.message }
          : { code: 'INTERNAL', message: 'the server could not admit this connection' };
      if (!(error instanceof AppError)) this.logger.error(`admit on ${this.name}: ${String(error)}`);
      socket.emit('refused', refusal);
      socket.disconnect(true);
    }
  }

  handleDisconnect(): void {
    this.metrics.socketDisconnected(this.name);
  }

  @SubscribeMessage('resync')
  async resync(socket: LiveSocket): Promise<void> {
    if (!socket.data?.gameId) return;
    await this.sendSnapshot(socket, await this.registry.get(socket.data.gameId));
  }

  private async sendSnapshot(socket: LiveSocket, game: LiveGame): Promise<void> {
    const view = await this.views.view(this.name, game, socket.data.teamId);
    const message: LiveMessage<unknown> = { seq: view.seq, prevSeq: null, tickClosedAtMs: null, view };
    socket.emit('snapshot', message);
  }

  protected async principal(socket: LiveSocket, auth: AuthService): Promise<{ principal: Principal; gameId: string }> {
    const handshake = AuthenticatedHandshakeSchema.safeParse(socket.handshake.auth);
    if (!handshake.success) throw new AppError(400, 'VALIDATION', 'connect with auth { gameId, token }');
    let principal: Principal;
    try {
      principal = auth.verifyAccessToken(handshake.data.token);
    } catch {
      throw new AppError(401, 'UNAUTHENTICATED', 'the access token is invalid or expired');
    }
    return { principal, gameId: handshake.data.gameId };
  }
}

@WebSocketGateway({ namespace: NAMESPACES.audience })
export class AudienceGateway extends LiveGateway {
  constructor(registry: GameRegistry, views: LiveViewsService, metrics: MetricsService) {
    super('audience', registry, views, metrics);
  }

  protected async admit(socket: LiveSocket) {
    const handshake = AudienceHandshakeSchema.safeParse(socket.handshake.auth);
    if (!handshake.success) throw new AppError(400, 'VALIDATION', 'connect with auth { gameId }');
    const game = await this.registry.get(handshake.data.gameId);
    return { game, room: audienceRoom(game.gameId) };
  }
}

@WebSocketGateway({ namespace: NAMESPACES.team })
export class TeamGateway extends LiveGateway {
  constructor(
    registry: GameRegistry,
    views: LiveViewsService,
    metrics: MetricsService,
    private readonly auth: AuthService,
    @Optional() @Inject(MEMBER_ACCESS) private readonly access?: MemberAccess,
  ) {
    super('team', registry, views, metrics);
  }

  protected async admit(socket: LiveSocket) {
    const { principal, gameId } = await this.principal(socket, this.auth);
    if (principal.role !== 'member' || principal.gameId !== gameId || !principal.teamId)
      throw new AppError(403, 'FORBIDDEN', 'the team channel is for members of a team of this game');
    await this.access?.assertActive(principal);
    const game = await this.registry.get(gameId);
    return { game, room: teamRoom(gameId, principal.teamId), teamId: principal.teamId, memberId: principal.memberId };
  }
}

@WebSocketGateway({ namespace: NAMESPACES.control })
export class ControlGateway extends LiveGateway {
  constructor(
    registry: GameRegistry,
    views: LiveViewsService,
    metrics: MetricsService,
    private readonly auth: AuthService,
  ) {
    super('control', registry, views, metrics);
  }

  protected async admit(socket: LiveSocket) {
    const { principal, gameId } = await this.principal(socket, this.auth);
    if (principal.role !== 'organiser' && principal.role !== 'grader')
      throw new AppError(403, 'FORBIDDEN', 'the control channel is for organisers and graders');
    const game = await this.registry.get(gameId);
    return { game, room: controlRoom(gameId) };
  }
}
