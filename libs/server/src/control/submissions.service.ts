import type { GradingEntry, SubmissionView } from '@mamoru/domain';
import { controlView, decideGrade, MS_PER_MINUTE, newEvent, submissionView } from '@mamoru/domain';
import { Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal';
import { AppError } from '../errors/app-error';
import type { OrganiserActionResult } from './organiser-actions';
import { OrganiserActions } from './organiser-actions';

/**
 * Grading (game-model §6): the queue of submitted responses, one submission with its rubric,
 * timeliness and provisional grade, and the grade by rubric items or overall. Every (re)grade is
 * its own event, so regrades stay in the log.
 */
@Injectable()
export class SubmissionsService {
  constructor(private readonly actions: OrganiserActions) {}

  /** Ungraded first, oldest first. */
  async queue(gameId: string): Promise<{ seq: number; submissions: GradingEntry[] }> {
    const state = await (await this.actions.game(gameId)).state();
    return { seq: state.seq, submissions: controlView(state, Date.now()).grading };
  }

  async submission(gameId: string, teamId: string, injectId: string): Promise<SubmissionView> {
    const state = await (await this.actions.game(gameId)).state();
    const view = submissionView(state, teamId, injectId);
    if (!view) throw new AppError(404, 'NOT_FOUND', `team "${teamId}" has no submission for "${injectId}"`);
    return view;
  }

  grade(
    gameId: string,
    teamId: string,
    injectId: string,
    body: { items?: Record<string, number>; grade?: number; comment?: string },
    principal: Principal,
    clientKey?: string,
  ): Promise<OrganiserActionResult> {
    return this.actions.run(gameId, 'grade', clientKey, (state, atMinute, key) =>
      newEvent(
        'response.graded',
        decideGrade(state, { teamId, injectId, ...body, by: principal.login, atMinute }),
        key,
        atMinute * MS_PER_MINUTE,
      ),
    );
  }
}
