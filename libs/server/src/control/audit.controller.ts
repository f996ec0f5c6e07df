import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { Roles } from '../auth/auth.decorators';
import type { AuditPage } from '@mamoru/contracts';
import { AuditService } from './audit.service';
import { AuditPageDto, AuditQueryDto } from './control.dto';

@ApiTags('control')
@Roles('organiser')
@Controller('api/games/:gameId/audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @ApiOperation({ summary: 'Who did what to the game, in log order, by page' })
  @ZodResponse({ status: 200, type: AuditPageDto })
  page(@Param('gameId') gameId: string, @Query() query: AuditQueryDto): Promise<AuditPage> {
    return this.audit.page(gameId, query.afterSeq, query.limit);
  }
}
