import type { ActionResult } from '@mamoru/engine';
import type { ShopSettings } from '@mamoru/sandbox';
import { Body, Controller, Get, Param, Post, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { ApiIdempotencyKey, IdempotencyKey } from './idempotency-key';
import { ShopConsoleService } from './shop-console.service';
import {
  ActionResultDto,
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

  @Put('settings')
  @ApiOperation({ summary: "Change some of the shop's settings (how most vulnerabilities are fixed)" })
  @ApiIdempotencyKey()
  @ZodResponse({ status: 201, type: ActionResultDto })
  updateSettings(
    @Param('gameId') gameId: string,
    @Param('teamId') teamId: string,
    @Body() body: ShopSettingsDto,
    @IdempotencyKey() key: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ActionResult> {
    return this.shop.updateSettings({ gameId, teamId, principal, key }, body);
  }

  @Post('admin-password')
  @ApiOperation({ summary: "Change the shop's admin password (never logged)" })
  @ApiIdempotencyKey()
  @ZodResponse({ status: 201, type: ActionResultDto })
  setAdminPassword(
    @Param('gameId') gameId: string,
    @Param('teamId') teamId: string,
    @Body() body: AdminPasswordDto,
    @IdempotencyKey() key: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ActionResult> {
    return this.shop.setAdminPassword({ gameId, teamId, principal, key }, body.password);
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

  @Post('restart')
  @ApiOperation({ summary: 'Restart the shop; prices, stock and notices are pushed to it again' })
  @ApiIdempotencyKey()
  @ZodResponse({ status: 201, type: ActionResultDto })
  restart(
    @Param('gameId') gameId: string,
    @Param('teamId') teamId: string,
    @Body() _body: EmptyBodyDto,
    @IdempotencyKey() key: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ActionResult> {
    return this.shop.restart({ gameId, teamId, principal, key });
  }

  @Post('backup')
  @ApiOperation({ summary: "Back up the shop's content, accounts and settings" })
  @ApiIdempotencyKey()
  @ZodResponse({ status: 201, type: ActionResultDto })
  backup(
    @Param('gameId') gameId: string,
    @Param('teamId') teamId: string,
    @Body() _body: EmptyBodyDto,
    @IdempotencyKey() key: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ActionResult> {
    return this.shop.backup({ gameId, teamId, principal, key });
  }

  @Post('restore')
  @ApiOperation({ summary: 'Restore the shop from its backup; the team keeps its own prices, stock and notices' })
  @ApiIdempotencyKey()
  @ZodResponse({ status: 201, type: ActionResultDto })
  restore(
    @Param('gameId') gameId: string,
    @Param('teamId') teamId: string,
    @Body() _body: EmptyBodyDto,
    @IdempotencyKey() key: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ActionResult> {
    return this.shop.restore({ gameId, teamId, principal, key });
  }

  @Post('resync')
  @ApiOperation({ summary: "Push the team's own prices, stock and notices to its shop again (repairs tampering)" })
  @ApiIdempotencyKey()
  @ZodResponse({ status: 201, type: ActionResultDto })
  resync(
    @Param('gameId') gameId: string,
    @Param('teamId') teamId: string,
    @Body() _body: EmptyBodyDto,
    @IdempotencyKey() key: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ActionResult> {
    return this.shop.resync({ gameId, teamId, principal, key });
  }
}
