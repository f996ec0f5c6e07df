import {
  CreateGameBodySchema,
  CreateMembersBodySchema,
  ReasonBodySchema,
  RegisterTeamsBodySchema,
  SpeedBodySchema,
  StartBodySchema,
  TransferBodySchema,
} from '@mamoru/contracts';
import type { GameState } from '@mamoru/domain';
import { audienceView } from '@mamoru/domain';
import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { CurrentPrincipal, Public, Roles } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { GameRegistry } from './game-registry';
import { GamesService } from './games.service';

class CreateGameDto extends createZodDto(CreateGameBodySchema) {}
class RegisterTeamsDto extends createZodDto(RegisterTeamsBodySchema) {}
class CreateMembersDto extends createZodDto(CreateMembersBodySchema) {}
/** `{ speed? }`, or no body at all. */
class StartDto extends createZodDto(z.preprocess((body) => body ?? {}, StartBodySchema)) {}
class SpeedDto extends createZodDto(SpeedBodySchema) {}
/** `{ reason? }`, or no body at all. */
class ReasonDto extends createZodDto(z.preprocess((body) => body ?? {}, ReasonBodySchema)) {}
class TransferDto extends createZodDto(TransferBodySchema) {}

/** What anyone may know of a game: its id, title, teams and where its clock stands. */
function gameSummary(state: GameState) {
  return {
    gameId: state.gameId,
    title: state.scenario!.title,
    scenarioId: state.scenario!.id,
    seed: state.seed,
    status: state.ended ? 'ended' : state.clock.status,
    speed: state.clock.speed,
    tick: state.tick,
    durationMinutes: state.scenario!.durationMinutes,
    clockStartsAtMinutes: state.scenario!.clockStartsAtMinutes,
    units: state.scenario!.units,
    teams: state.teamOrder.map((id) => ({
      teamId: id,
      name: state.teams[id].name,
      number: state.teams[id].number,
      alliance: state.teams[id].alliance,
    })),
  };
}

@ApiTags('games')
@Controller('api/games')
export class GamesController {
  constructor(
    private readonly games: GamesService,
    private readonly registry: GameRegistry,
  ) {}

  @Public()
  @Get()
  async list() {
    return (await this.registry.list()).map(gameSummary);
  }

  @Roles('organiser')
  @Post()
  async create(@Body() body: CreateGameDto, @CurrentPrincipal() principal: Principal) {
    return gameSummary(await this.games.create(body, principal));
  }

  @Public()
  @Get(':gameId')
  async get(@Param('gameId') gameId: string) {
    return gameSummary(await (await this.registry.get(gameId)).state());
  }

  /** The public board: frozen figures while the board is frozen, never anything team-private. */
  @Public()
  @Get(':gameId/board')
  async board(@Param('gameId') gameId: string) {
    const game = await this.registry.get(gameId);
    return audienceView(await game.state(), await game.frozenState(), Date.now());
  }

  /** Revenue per team after each closed tick (the board's chart); cut at the freeze while frozen. */
  @Public()
  @Get(':gameId/board/history')
  async boardHistory(@Param('gameId') gameId: string) {
    return (await this.registry.get(gameId)).revenueHistory();
  }

  @Roles('organiser')
  @Post(':gameId/teams')
  async registerTeams(@Param('gameId') gameId: string, @Body() body: RegisterTeamsDto) {
    return gameSummary(await this.games.registerTeams(gameId, body.teams));
  }

  @Roles('organiser')
  @Post(':gameId/members')
  async createMembers(@Param('gameId') gameId: string, @Body() body: CreateMembersDto) {
    return { members: await this.games.createMembers(gameId, body.members, body.csv) };
  }

  @Roles('organiser')
  @Get(':gameId/members')
  async members(@Param('gameId') gameId: string) {
    return { members: await this.games.listMembers(gameId) };
  }

  @Roles('organiser')
  @Post(':gameId/members/:memberId/join-code')
  @HttpCode(200)
  async reissueJoinCode(@Param('gameId') gameId: string, @Param('memberId') memberId: string) {
    return this.games.reissueJoinCode(gameId, memberId);
  }

  @Roles('organiser')
  @Post(':gameId/members/:memberId/transfer')
  @HttpCode(200)
  async transfer(
    @Param('gameId') gameId: string,
    @Param('memberId') memberId: string,
    @Body() body: TransferDto,
    @CurrentPrincipal() principal: Principal,
  ) {
    return gameSummary(await this.games.transfer(gameId, memberId, body.minutes, principal, body.reason));
  }

  @Roles('organiser')
  @Post(':gameId/sandboxes')
  @HttpCode(200)
  async provision(@Param('gameId') gameId: string) {
    await this.games.provision(gameId);
    return { provisioned: true };
  }

  @Roles('organiser')
  @Post(':gameId/start')
  @HttpCode(200)
  async start(@Param('gameId') gameId: string, @Body() body: StartDto, @CurrentPrincipal() principal: Principal) {
    return gameSummary(await this.games.start(gameId, body.speed, principal));
  }

  @Roles('organiser')
  @Post(':gameId/pause')
  @HttpCode(200)
  async pause(@Param('gameId') gameId: string, @Body() body: ReasonDto, @CurrentPrincipal() principal: Principal) {
    return gameSummary(await this.games.pause(gameId, principal, body.reason));
  }

  @Roles('organiser')
  @Post(':gameId/resume')
  @HttpCode(200)
  async resume(@Param('gameId') gameId: string, @CurrentPrincipal() principal: Principal) {
    return gameSummary(await this.games.resume(gameId, principal));
  }

  @Roles('organiser')
  @Post(':gameId/speed')
  @HttpCode(200)
  async speed(@Param('gameId') gameId: string, @Body() body: SpeedDto, @CurrentPrincipal() principal: Principal) {
    return gameSummary(await this.games.speed(gameId, body.speed, principal));
  }

  @Roles('organiser')
  @Post(':gameId/stop')
  @HttpCode(200)
  async stop(@Param('gameId') gameId: string, @Body() body: ReasonDto, @CurrentPrincipal() principal: Principal) {
    return gameSummary(await this.games.stop(gameId, principal, body.reason));
  }
}
