import { RuleViolation } from '@mamoru/domain';
import { TeamActionError } from '@mamoru/engine';
import { BadRequestException, NotFoundException, ServiceUnavailableException } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import { ZodValidationException } from 'nestjs-zod';
import { z } from 'zod';
import { AppError } from './app-error';
import { toErrorResponse } from './error-response';

function zodError(schema: z.ZodType, value: unknown): unknown {
  const result = schema.safeParse(value);
  if (result.success) throw new Error('expected the value to be invalid');
  return result.error;
}

describe('toErrorResponse', () => {
  it('sends an AppError as it is', () => {
    expect(toErrorResponse(new AppError(409, 'CONFLICT', 'taken'))).toEqual({
      status: 409,
      body: { message: 'taken', code: 'CONFLICT' },
      unexpected: false,
    });
    expect(
      toErrorResponse(new AppError(400, 'SCENARIO_INVALID', 'bad', [{ path: 'injects.0', message: 'x' }])).body,
    ).toEqual({ message: 'bad', code: 'SCENARIO_INVALID', errors: [{ path: 'injects.0', message: 'x' }] });
  });

  it('turns a zod validation failure into 400 VALIDATION with one entry per field', () => {
    const schema = z.strictObject({ login: z.string().min(1), nested: z.object({ n: z.number() }) });
    const response = toErrorResponse(
      new ZodValidationException(zodError(schema, { login: '', nested: { n: 'x' }, extra: 1, other: 2 })),
    );
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('VALIDATION');
    expect(response.body.errors).toEqual(
      expect.arrayContaining([
        { path: 'login', message: expect.any(String) },
        { path: 'nested.n', message: expect.any(String) },
        { path: 'extra', message: 'unknown field' },
        { path: 'other', message: 'unknown field' },
      ]),
    );
    expect(Object.keys(response.body).sort()).toEqual(['code', 'errors', 'message']);
  });

  it.each([
    ['NOT_FOUND', 404],
    ['INVALID', 400],
    ['INSUFFICIENT_CASH', 409],
    ['CONFLICT', 409],
    ['GAME_OVER', 409],
  ] as const)('maps the rule violation %s to %i', (code, status) => {
    expect(toErrorResponse(new RuleViolation(code, 'why'))).toEqual({
      status,
      body: { message: 'why', code },
      unexpected: false,
    });
    expect(toErrorResponse(new TeamActionError(code, 'why')).status).toBe(status);
  });

  it('maps an unreachable shop to 502', () => {
    expect(toErrorResponse(new TeamActionError('SHOP_UNREACHABLE', 'shop down'))).toEqual({
      status: 502,
      body: { message: 'shop down', code: 'SHOP_UNREACHABLE' },
      unexpected: true,
    });
  });

  it("maps body-parser's errors: malformed JSON, too large", () => {
    const syntax = Object.assign(new SyntaxError('Unexpected token b in JSON at position 1'), {
      type: 'entity.parse.failed',
      status: 400,
      expose: true,
    });
    expect(toErrorResponse(syntax)).toMatchObject({ status: 400, body: { code: 'MALFORMED_JSON' } });
    const tooLarge = Object.assign(new Error('request entity too large'), {
      type: 'entity.too.large',
      status: 413,
      expose: true,
      limit: 1024,
    });
    expect(toErrorResponse(tooLarge)).toMatchObject({ status: 413, body: { code: 'PAYLOAD_TOO_LARGE' } });
    expect(toErrorResponse(tooLarge).body.message).toMatch(/1024 bytes/);
  });

  it('maps Nest HTTP exceptions by status', () => {
    expect(toErrorResponse(new NotFoundException('Cannot GET /nope'))).toMatchObject({
      status: 404,
      body: { message: 'Cannot GET /nope', code: 'NOT_FOUND' },
    });
    expect(toErrorResponse(new BadRequestException('no'))).toMatchObject({
      status: 400,
      body: { code: 'BAD_REQUEST' },
    });
    expect(toErrorResponse(new ThrottlerException())).toMatchObject({ status: 429, body: { code: 'RATE_LIMITED' } });
    expect(toErrorResponse(new ServiceUnavailableException('later'))).toMatchObject({
      status: 503,
      body: { message: 'later', code: 'UNAVAILABLE' },
      unexpected: true,
    });
  });

  it('hides everything else behind 500 INTERNAL', () => {
    for (const thrown of [new Error('secret detail'), new TypeError('x is undefined'), 'a string', null, { any: 1 }]) {
      expect(toErrorResponse(thrown)).toEqual({
        status: 500,
        body: { message: 'Internal server error', code: 'INTERNAL' },
        unexpected: true,
      });
    }
  });
});
