import type { GradingEntry, SubmissionView } from '@mamoru/domain';
import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { ApiIdempotencyKey, OptionalIdempotencyKey } from '../teams/idempotency-key';
import { ControlActionResultDto, GradeDto } from './control.dto';
import type { OrganiserActionResult } from './organiser-actions';
import { SubmissionsService } from './submissions.service';

/** Grading, for organisers and graders. */
@ApiTags('grading')
@Roles('organiser', 'grader')
@Controller('api/games/:gameId/submissions')
export class SubmissionsController {
  constructor(private readonly submissions: SubmissionsService) {}

  @Get()
  @ApiOperation({ summary: 'The grading queue: every submitted response, ungraded first, oldest first' })
  queue(@Param('gameId') gameId: string): Promise<{ seq: number; submissions: GradingEntry[] }> {
    return this.submissions.queue(gameId);
  }

  @Get(':teamId/:injectId')
  @ApiOperation({ summary: 'One submission: the inject, its rubric, the response, timeliness, auto-grade, grade' })
  submission(
    @Param('gameId') gameId: string,
    @Param('teamId') teamId: string,
    @Param('injectId') injectId: string,
  ): Promise<SubmissionView> {
    return this.submissions.submission(gameId, teamId, injectId);
  }

  @Post(':teamId/:injectId/grade')
  @ApiOperation({ summary: 'Grade (or regrade) a response by rubric items or overall, in [0, 1]' })
  @ApiIdempotencyKey(false)
  @ZodResponse({ status: 201, type: ControlActionResultDto })
  grade(
    @Param('gameId') gameId: string,
    @Param('teamId') teamId: string,
    @Param('injectId') injectId: string,
    @Body() body: GradeDto,
    @OptionalIdempotencyKey() key: string | undefined,
    @CurrentPrincipal() principal: Principal,
  ): Promise<OrganiserActionResult> {
    return this.submissions.grade(gameId, teamId, injectId, body, principal, key);
  }
}
