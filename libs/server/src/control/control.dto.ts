import {
  AdjustBodySchema,
  AnnouncementBodySchema,
  GradeBodySchema,
  ReasonBodySchema,
  RescheduleBodySchema,
  ResetSandboxBodySchema,
} from '@mamoru/contracts';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

// Request bodies come from libs/contracts (strict: an unknown field is a 400 VALIDATION).

/** `{ reason? }`, or no body at all. */
export class ReasonDto extends createZodDto(z.preprocess((body) => body ?? {}, ReasonBodySchema)) {}
export class RescheduleDto extends createZodDto(RescheduleBodySchema) {}
export class GradeDto extends createZodDto(GradeBodySchema) {}
export class AdjustDto extends createZodDto(AdjustBodySchema) {}
export class AnnouncementDto extends createZodDto(AnnouncementBodySchema) {}
export class ResetSandboxDto extends createZodDto(ResetSandboxBodySchema) {}

export class AuditQueryDto extends createZodDto(
  z.strictObject({
    afterSeq: z.coerce.number().int().nonnegative().default(0).describe('entries of events after this seq'),
    limit: z.coerce.number().int().min(1).max(1000).default(200),
  }),
) {}

// ----- responses -----

export class ControlActionResultDto extends createZodDto(
  z.object({
    applied: z.boolean().describe('false when this Idempotency-Key (or this inject firing) had acted already'),
    seq: z.number().int().describe('the log position after the action'),
  }),
) {}

export class SandboxResetResultDto extends createZodDto(
  z.object({
    applied: z.boolean(),
    seq: z.number().int(),
    resynced: z
      .boolean()
      .describe("false when the team's prices, stock and notices could not be pushed to the new shop"),
  }),
) {}

export class AuditPageDto extends createZodDto(
  z.object({
    seq: z.number().int().describe('the log position the trail was read up to'),
    entries: z.array(
      z.object({
        seq: z.number().int(),
        type: z.string(),
        atMinute: z.number().int(),
        wallMs: z.number(),
        by: z.string(),
        reason: z.string().optional(),
        summary: z.string(),
      }),
    ),
    nextAfterSeq: z.number().int().optional().describe('more entries follow: pass as afterSeq'),
  }),
) {}
