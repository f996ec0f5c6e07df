import type { ActionResult } from '@mamoru/engine';
import type { ShopSettings } from '@mamoru/sandbox';
import { Body, Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { Actor, TeamAction } from './team-action.decorators';
import type { TeamActor } from './team-gate';
import { ShopConsoleService } from './shop-console.service';
import {
  AdminPasswordDto,
  EmptyBodyDto,
  ShopLogsDto,
  ShopLogsQueryDto,
  ShopSettingsDto,
  ShopSettingsResultDto,
} from './teams.dto';

/**
 * The ops console of the team's own shop, for its tech unit. A shop that does not answer is a 502
 * SHOP_UNREACHABLE. Changes need an Idempotency-Key and answer 201 `{ applied, seq }`.
 */
@ApiTags('shop console')
@Roles('member')
@Controller('api/games/:gameId/teams/:teamId/shop')
export class ShopConsoleController {
  constructor(private readonly shop: ShopConsoleService) {}

  @Get('settings')
  @ApiOperation({ summary: "The shop's security settings" })
  @ZodResponse({ status: 200, type: ShopSettingsResultDto })
  settings(
    @Param('gameId') gameId: string,
    @Param('teamId') teamId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ShopSettings> {
    return this.shop.settings({ gameId, teamId, principal });
  }

  @TeamAction('PUT', 'settings', "Change some of the shop's settings (how most vulnerabilities are fixed)")
  updateSettings(@Actor() actor: TeamActor, @Body() body: ShopSettingsDto): Promise<ActionResult> {
    return this.shop.updateSettings(actor, body);
  }

  @TeamAction('POST', 'admin-password', "Change the shop's admin password (never logged)")
  setAdminPassword(@Actor() actor: TeamActor, @Body() body: AdminPasswordDto): Promise<ActionResult> {
    return this.shop.setAdminPassword(actor, body.password);
  }

  @Get('logs')
  @ApiOperation({ summary: "The latest lines of the shop's access log, as plain text strings" })
  @ZodResponse({ status: 200, type: ShopLogsDto })
  logs(
    @Param('gameId') gameId: string,
    @Param('teamId') teamId: string,
    @Query() query: ShopLogsQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<{ lines: string[] }> {
    return this.shop.logs({ gameId, teamId, principal }, query.limit);
  }

  @TeamAction('POST', 'restart', 'Restart the shop; prices, stock and notices are pushed to it again')
  restart(@Actor() actor: TeamActor, @Body() _body: EmptyBodyDto): Promise<ActionResult> {
    return this.shop.restart(actor);
  }

  @TeamAction('POST', 'backup', "Back up the shop's content, accounts and settings")
  backup(@Actor() actor: TeamActor, @Body() _body: EmptyBodyDto): Promise<ActionResult> {
    return this.shop.backup(actor);
  }

  @TeamAction('POST', 'restore', 'Restore the shop from its backup; the team keeps its own prices, stock and notices')
  restore(@Actor() actor: TeamActor, @Body() _body: EmptyBodyDto): Promise<ActionResult> {
    return this.shop.restore(actor);
  }

  @TeamAction('POST', 'resync', "Push the team's own prices, stock and notices to its shop again (repairs tampering)")
  resync(@Actor() actor: TeamActor, @Body() _body: EmptyBodyDto): Promise<ActionResult> {
    return this.shop.resync(actor);
  }
}
