import type { TeamHistory, TeamView } from '@mamoru/domain';
import type { ActionResult } from '@mamoru/engine';
import { Body, Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { Actor, TeamAction } from './team-action.decorators';
import type { TeamActor } from './team-gate';
import type { LedgerPage } from './ledger-cache';
import {
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
  @Get('history')
  @ApiOperation({ summary: "The team's revenue, cash, trust and downtime after each closed tick (its chart)" })
  history(
    @Param('gameId') gameId: string,
    @Param('teamId') teamId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<TeamHistory> {
    return this.teams.history(gameId, teamId, principal);
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

  @TeamAction(
    'POST',
    'responses/:injectId',
    'Submit (or replace, until graded) the response to an inbox item (its unit)',
  )
  submitResponse(
    @Actor() actor: TeamActor,
    @Param('injectId') injectId: string,
    @Body() body: ResponseDto,
  ): Promise<ActionResult> {
    return this.teams.submitResponse(actor, injectId, body);
  }

  @TeamAction('POST', 'stock-orders', 'Order stock, paid now at unit cost (sales)')
  orderStock(@Actor() actor: TeamActor, @Body() body: StockOrderDto): Promise<ActionResult> {
    return this.teams.orderStock(actor, body);
  }

  @TeamAction('POST', 'prices', "Set a product's price (sales)")
  setPrice(@Actor() actor: TeamActor, @Body() body: PriceDto): Promise<ActionResult> {
    return this.teams.setPrice(actor, body);
  }

  @TeamAction('POST', 'ads', 'Buy an advertising campaign on the scenario terms (sales)')
  buyAd(@Actor() actor: TeamActor, @Body() _body: EmptyBodyDto): Promise<ActionResult> {
    return this.teams.buyAd(actor);
  }

  @TeamAction(
    'POST',
    'market/requests',
    'Ask for a marketplace item (any member); the Idempotency-Key is the request id',
  )
  requestMarketItem(@Actor() actor: TeamActor, @Body() body: MarketRequestDto): Promise<ActionResult> {
    return this.teams.requestMarketItem(actor, body);
  }

  @TeamAction(
    'POST',
    'market/requests/:requestId/decision',
    'Approve (charged now) or reject a marketplace request: 稟議 (management)',
  )
  decideMarketRequest(
    @Actor() actor: TeamActor,
    @Param('requestId') requestId: string,
    @Body() body: MarketDecisionDto,
  ): Promise<ActionResult> {
    return this.teams.decideMarketRequest(actor, requestId, body);
  }

  @TeamAction('POST', 'loans', 'Borrow, up to the scenario limit (management)')
  takeLoan(@Actor() actor: TeamActor, @Body() body: AmountDto): Promise<ActionResult> {
    return this.teams.takeLoan(actor, body);
  }

  @TeamAction('POST', 'loans/repayments', 'Repay part of the loan (management)')
  repayLoan(@Actor() actor: TeamActor, @Body() body: AmountDto): Promise<ActionResult> {
    return this.teams.repayLoan(actor, body);
  }

  @TeamAction('POST', 'notices', "Publish a public notice on the team's shop (pr)")
  publishNotice(@Actor() actor: TeamActor, @Body() body: NoticeDto): Promise<ActionResult> {
    return this.teams.publishNotice(actor, body);
  }

  @TeamAction('POST', 'members/:memberId/units', 'Move a member of the team to one or two units (management)')
  moveMember(
    @Actor() actor: TeamActor,
    @Param('memberId') memberId: string,
    @Body() body: MoveMemberDto,
  ): Promise<ActionResult> {
    return this.teams.moveMember(actor, memberId, body);
  }
}
