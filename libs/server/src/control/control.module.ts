import { Module } from '@nestjs/common';
import { AuditController } from './audit.controller';
import { AuditService } from './audit.service';
import { ControlController } from './control.controller';
import { ControlService } from './control.service';
import { OrganiserActions } from './organiser-actions';
import { SubmissionsController } from './submissions.controller';
import { SubmissionsService } from './submissions.service';

/** The control room: overview, timeline, grading, adjustments, board, announcements, sandboxes, audit (GameRegistry comes from the global GamesModule). */
@Module({
  controllers: [ControlController, SubmissionsController, AuditController],
  providers: [OrganiserActions, ControlService, SubmissionsService, AuditService],
})
export class ControlModule {}
