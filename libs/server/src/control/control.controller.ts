import type { ControlView } from '@mamoru/domain';
import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { ApiIdempotencyKey, OptionalIdempotencyKey } from '../teams/idempotency-key';
import { EmptyBodyDto } from '../teams/teams.dto';
import {
  AdjustDto,
  AnnouncementDto,
  ControlActionResultDto,
  ReasonDto,
  RescheduleDto,
  ResetSandboxDto,
  SandboxResetResultDto,
} from './control.dto';
import type { ControlHealth } from '@mamoru/contracts';
import { ControlService } from './control.service';
import type { OrganiserActionResult } from './organiser-actions';

/**
 * The control room: the live overview (organisers and graders) and the organisers' actions on the
 * timeline, scores, board and sandboxes. Actions answer 201 `{ applied, seq }`; an optional
 * Idempotency-Key makes a retry act once.
 */
@ApiTags('control')
@Roles('organiser')
@Controller('api/games/:gameId')
export class ControlController {
  constructor(private readonly control: ControlService) {}

  @Roles('organiser', 'grader')
  @Get('control')
  @ApiOperation({ summary: 'Every team live (never frozen), the timeline, grading queue, announcements and health' })
  overview(@Param('gameId') gameId: string): Promise<ControlView & { health: ControlHealth }> {
    return this.control.overview(gameId);
  }

  @Post('injects/:injectId/fire')
  @ApiOperation({ summary: 'Fire an inject now (delivered, or the attack run, for its teams); it fires once' })
  @ZodResponse({ status: 201, type: ControlActionResultDto })
  fire(
    @Param('gameId') gameId: string,
    @Param('injectId') injectId: string,
    @Body() body: ReasonDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<OrganiserActionResult> {
    return this.control.fire(gameId, injectId, principal, body.reason);
  }

  @Post('injects/:injectId/skip')
  @ApiOperation({ summary: 'Skip an inject that is still waiting: it will not fire' })
  @ZodResponse({ status: 201, type: ControlActionResultDto })
  skip(
    @Param('gameId') gameId: string,
    @Param('injectId') injectId: string,
    @Body() body: ReasonDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<OrganiserActionResult> {
    return this.control.skip(gameId, injectId, principal, body.reason);
  }

  @Post('injects/:injectId/reschedule')
  @ApiOperation({ summary: 'Move a waiting inject to a later game time (HH:MM)' })
  @ApiIdempotencyKey(false)
  @ZodResponse({ status: 201, type: ControlActionResultDto })
  reschedule(
    @Param('gameId') gameId: string,
    @Param('injectId') injectId: string,
    @Body() body: RescheduleDto,
    @OptionalIdempotencyKey() key: string | undefined,
    @CurrentPrincipal() principal: Principal,
  ): Promise<OrganiserActionResult> {
    return this.control.reschedule(gameId, injectId, body, principal, key);
  }

  @Post('teams/:teamId/adjustments')
  @ApiOperation({ summary: "Adjust a team's ESC (yen) or a unit score (points), with a reason" })
  @ApiIdempotencyKey(false)
  @ZodResponse({ status: 201, type: ControlActionResultDto })
  adjust(
    @Param('gameId') gameId: string,
    @Param('teamId') teamId: string,
    @Body() body: AdjustDto,
    @OptionalIdempotencyKey() key: string | undefined,
    @CurrentPrincipal() principal: Principal,
  ): Promise<OrganiserActionResult> {
    return this.control.adjust(gameId, teamId, body, principal, key);
  }

  @Post('freeze')
  @ApiOperation({ summary: 'Freeze the public board: the audience sees the standings as of now' })
  @ApiIdempotencyKey(false)
  @ZodResponse({ status: 201, type: ControlActionResultDto })
  freeze(
    @Param('gameId') gameId: string,
    @Body() _body: EmptyBodyDto,
    @OptionalIdempotencyKey() key: string | undefined,
    @CurrentPrincipal() principal: Principal,
  ): Promise<OrganiserActionResult> {
    return this.control.freeze(gameId, principal, key);
  }

  @Post('unfreeze')
  @ApiOperation({ summary: 'Unfreeze the public board' })
  @ApiIdempotencyKey(false)
  @ZodResponse({ status: 201, type: ControlActionResultDto })
  unfreeze(
    @Param('gameId') gameId: string,
    @Body() _body: EmptyBodyDto,
    @OptionalIdempotencyKey() key: string | undefined,
    @CurrentPrincipal() principal: Principal,
  ): Promise<OrganiserActionResult> {
    return this.control.unfreeze(gameId, principal, key);
  }

  @Post('announcements')
  @ApiOperation({ summary: 'Announce to every screen (shown as text)' })
  @ApiIdempotencyKey(false)
  @ZodResponse({ status: 201, type: ControlActionResultDto })
  announce(
    @Param('gameId') gameId: string,
    @Body() body: AnnouncementDto,
    @OptionalIdempotencyKey() key: string | undefined,
    @CurrentPrincipal() principal: Principal,
  ): Promise<OrganiserActionResult> {
    return this.control.announce(gameId, body.text, principal, key);
  }

  @Post('teams/:teamId/sandbox/reset')
  @ApiOperation({ summary: "Give a team a fresh shop, then push the team's prices, stock and notices to it" })
  @ApiIdempotencyKey(false)
  @ZodResponse({ status: 201, type: SandboxResetResultDto })
  resetSandbox(
    @Param('gameId') gameId: string,
    @Param('teamId') teamId: string,
    @Body() body: ResetSandboxDto,
    @OptionalIdempotencyKey() key: string | undefined,
    @CurrentPrincipal() principal: Principal,
  ): Promise<OrganiserActionResult & { resynced: boolean }> {
    return this.control.resetSandbox(gameId, teamId, body.reason, principal, key);
  }
}
