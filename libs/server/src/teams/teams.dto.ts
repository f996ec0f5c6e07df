import {
  AdminPasswordBodySchema,
  AmountBodySchema,
  EmptyBodySchema,
  MarketDecisionBodySchema,
  MarketRequestBodySchema,
  MoveMemberBodySchema,
  NoticeBodySchema,
  PriceBodySchema,
  ResponseBodySchema,
  ShopSettingsBodySchema,
  StockOrderBodySchema,
} from '@mamoru/contracts';
import { LEDGER_COMPONENTS, UNIT_IDS } from '@mamoru/domain';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

// Request bodies come from libs/contracts (strict: an unknown field is a 400 VALIDATION).

export class ResponseDto extends createZodDto(ResponseBodySchema) {}
export class StockOrderDto extends createZodDto(StockOrderBodySchema) {}
export class PriceDto extends createZodDto(PriceBodySchema) {}
/** `{}`, or no body at all (a POST without a body leaves none to parse). */
export class EmptyBodyDto extends createZodDto(z.preprocess((body) => body ?? {}, EmptyBodySchema)) {}
export class MarketRequestDto extends createZodDto(MarketRequestBodySchema) {}
export class MarketDecisionDto extends createZodDto(MarketDecisionBodySchema) {}
export class AmountDto extends createZodDto(AmountBodySchema) {}
export class NoticeDto extends createZodDto(NoticeBodySchema) {}
export class MoveMemberDto extends createZodDto(MoveMemberBodySchema) {}
export class ShopSettingsDto extends createZodDto(ShopSettingsBodySchema) {}
export class AdminPasswordDto extends createZodDto(AdminPasswordBodySchema) {}

export class LedgerQueryDto extends createZodDto(
  z.strictObject({
    afterSeq: z.coerce.number().int().nonnegative().default(0).describe('entries of events after this seq'),
    limit: z.coerce.number().int().min(1).max(5000).default(1000).describe('about this many entries per page'),
  }),
) {}

export class ShopLogsQueryDto extends createZodDto(
  z.strictObject({ limit: z.coerce.number().int().min(1).max(500).default(200) }),
) {}

// ----- responses -----

export class ActionResultDto extends createZodDto(
  z.object({
    applied: z.boolean().describe('false when this Idempotency-Key had acted already: nothing was done again'),
    seq: z.number().int().describe('the log position after the action'),
  }),
) {}

const BilingualSchema = z.object({ ja: z.string(), en: z.string() });

export class LedgerPageDto extends createZodDto(
  z.object({
    teamId: z.string(),
    seq: z.number().int().describe('the log position the ledger was read at'),
    entries: z.array(
      z.object({
        teamId: z.string(),
        component: z.enum(LEDGER_COMPONENTS),
        unit: z.enum(UNIT_IDS).optional(),
        amount: z
          .number()
          .describe('in the component unit: yen, trust millionths, minutes, a count, or points thousandths'),
        value: z.number().describe("the component's value after the change"),
        atMinute: z.number().int(),
        seq: z.number().int().describe('the event that caused it'),
        cause: z.object({ kind: z.string(), ref: z.string().optional(), text: BilingualSchema }),
      }),
    ),
    nextAfterSeq: z.number().int().optional().describe('more entries follow: pass as afterSeq'),
  }),
) {}

export class ShopSettingsResultDto extends createZodDto(
  z.object({ searchSafeQueries: z.boolean(), priceApiRequireAuth: z.boolean(), backupExposed: z.boolean() }),
) {}

export class ShopLogsDto extends createZodDto(
  z.object({ lines: z.array(z.string()).describe("the latest lines of the shop's access log, as plain text") }),
) {}
