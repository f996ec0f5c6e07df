import type { TeamView } from '@mamoru/domain';
import type { ActionResult } from '@mamoru/engine';
import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { ApiIdempotencyKey, IdempotencyKey } from './idempotency-key';
import type { LedgerPage } from './ledger-cache';
import {
  ActionResultDto,
  AmountDto,
  EmptyBodyDto,
  LedgerPageDto,
  LedgerQueryDto,
  MarketDecisionDto,
  MarketRequestDto,
  MoveMemberDto,
  NoticeDto,
  PriceDto,
  ResponseDto,
  StockOrderDto,
} from './teams.dto';
import { TeamsService } from './teams.service';

/**
 * A team's dashboard, ledger and business actions. Only the team's own members act (each action
 * by its unit, 403 WRONG_UNIT otherwise); organisers may read. Every action needs an
 * Idempotency-Key and answers 201 `{ applied, seq }`.
 */
@ApiTags('teams')
@Controller('api/games/:gameId/teams/:teamId')
export class TeamsController {
  constructor(private readonly teams: TeamsService) {}

  @Roles('member', 'organiser')
  @Get()
  @ApiOperation({ summary: "The team's dashboard: figures, inbox with deadlines, market, members, notices" })
  view(
    @Param('gameId') gameId: string,
    @Param('teamId') teamId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<TeamView> {
    return this.teams.view(gameId, teamId, principal);
  }

  @Roles('member', 'organiser')
  @Get('ledger')
  @ApiOperation({ summary: "The team's score ledger: every change of a score component with its cause, by page" })
  @ZodResponse({ status: 200, type: LedgerPageDto })
  ledger(
    @Param('gameId') gameId: string,
    @Param('teamId') teamId: string,
    @Query() query: LedgerQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<LedgerPage> {
    return this.teams.ledger(gameId, teamId, principal, query);
  }

  @Roles('member')
  @Post('responses/:injectId')
  @ApiOperation({ summary: 'Submit (or replace, until graded) the response to an inbox item (its unit)' })
  @ApiIdempotencyKey()
  @ZodResponse({ status: 201, type: ActionResultDto })
  submitResponse(
    @Param('gameId') gameId: string,
    @Param('teamId') teamId: string,
    @Param('injectId') injectId: string,
    @Body() body: ResponseDto,
    @IdempotencyKey() key: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ActionResult> {
    return this.teams.submitResponse({ gameId, teamId, principal, key }, injectId, body);
  }

  @Roles('member')
  @Post('stock-orders')
  @ApiOperation({ summary: 'Order stock, paid now at unit cost (sales)' })
  @ApiIdempotencyKey()
  @ZodResponse({ status: 201, type: ActionResultDto })
  orderStock(
    @Param('gameId') gameId: string,
    @Param('teamId') teamId: string,
    @Body() body: StockOrderDto,
    @IdempotencyKey() key: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ActionResult> {
    return this.teams.orderStock({ gameId, teamId, principal, key }, body);
  }

  @Roles('member')
  @Post('prices')
  @ApiOperation({ summary: "Set a product's price (sales)" })
  @ApiIdempotencyKey()
  @ZodResponse({ status: 201, type: ActionResultDto })
  setPrice(
    @Param('gameId') gameId: string,
    @Param('teamId') teamId: string,
    @Body() body: PriceDto,
    @IdempotencyKey() key: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ActionResult> {
    return this.teams.setPrice({ gameId, teamId, principal, key }, body);
  }

  @Roles('member')
  @Post('ads')
  @ApiOperation({ summary: 'Buy an advertising campaign on the scenario terms (sales)' })
  @ApiIdempotencyKey()
  @ZodResponse({ status: 201, type: ActionResultDto })
  buyAd(
    @Param('gameId') gameId: string,
    @Param('teamId') teamId: string,
    @Body() _body: EmptyBodyDto,
    @IdempotencyKey() key: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ActionResult> {
    return this.teams.buyAd({ gameId, teamId, principal, key });
  }

  @Roles('member')
  @Post('market/requests')
  @ApiOperation({ summary: 'Ask for a marketplace item (any member); the Idempotency-Key is the request id' })
  @ApiIdempotencyKey()
  @ZodResponse({ status: 201, type: ActionResultDto })
  requestMarketItem(
    @Param('gameId') gameId: string,
    @Param('teamId') teamId: string,
    @Body() body: MarketRequestDto,
    @IdempotencyKey() key: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ActionResult> {
    return this.teams.requestMarketItem({ gameId, teamId, principal, key }, body);
  }

  @Roles('member')
  @Post('market/requests/:requestId/decision')
  @ApiOperation({ summary: 'Approve (charged now) or reject a marketplace request: 稟議 (management)' })
  @ApiIdempotencyKey()
  @ZodResponse({ status: 201, type: ActionResultDto })
  decideMarketRequest(
    @Param('gameId') gameId: string,
    @Param('teamId') teamId: string,
    @Param('requestId') requestId: string,
    @Body() body: MarketDecisionDto,
    @IdempotencyKey() key: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ActionResult> {
    return this.teams.decideMarketRequest({ gameId, teamId, principal, key }, requestId, body);
  }

  @Roles('member')
  @Post('loans')
  @ApiOperation({ summary: 'Borrow, up to the scenario limit (management)' })
  @ApiIdempotencyKey()
  @ZodResponse({ status: 201, type: ActionResultDto })
  takeLoan(
    @Param('gameId') gameId: string,
    @Param('teamId') teamId: string,
    @Body() body: AmountDto,
    @IdempotencyKey() key: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ActionResult> {
    return this.teams.takeLoan({ gameId, teamId, principal, key }, body);
  }

  @Roles('member')
  @Post('loans/repayments')
  @ApiOperation({ summary: 'Repay part of the loan (management)' })
  @ApiIdempotencyKey()
  @ZodResponse({ status: 201, type: ActionResultDto })
  repayLoan(
    @Param('gameId') gameId: string,
    @Param('teamId') teamId: string,
    @Body() body: AmountDto,
    @IdempotencyKey() key: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ActionResult> {
    return this.teams.repayLoan({ gameId, teamId, principal, key }, body);
  }

  @Roles('member')
  @Post('notices')
  @ApiOperation({ summary: "Publish a public notice on the team's shop (pr)" })
  @ApiIdempotencyKey()
  @ZodResponse({ status: 201, type: ActionResultDto })
  publishNotice(
    @Param('gameId') gameId: string,
    @Param('teamId') teamId: string,
    @Body() body: NoticeDto,
    @IdempotencyKey() key: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ActionResult> {
    return this.teams.publishNotice({ gameId, teamId, principal, key }, body);
  }

  @Roles('member')
  @Post('members/:memberId/units')
  @ApiOperation({ summary: 'Move a member of the team to one or two units (management)' })
  @ApiIdempotencyKey()
  @ZodResponse({ status: 201, type: ActionResultDto })
  moveMember(
    @Param('gameId') gameId: string,
    @Param('teamId') teamId: string,
    @Param('memberId') memberId: string,
    @Body() body: MoveMemberDto,
    @IdempotencyKey() key: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ActionResult> {
    return this.teams.moveMember({ gameId, teamId, principal, key }, memberId, body);
  }
}
