import type { ArgumentsHost } from '@nestjs/common';
import { Logger } from '@nestjs/common';
import type { HttpAdapterHost } from '@nestjs/core';
import { AppError } from './app-error';
import { AppExceptionFilter } from './app-exception.filter';

/** A filter wired to a recording HTTP adapter, and a host of the given type. */
function setUp(type: 'http' | 'ws', headersSent = false) {
  const replies: { body: unknown; status: number }[] = [];
  const ended: unknown[] = [];
  const emitted: { event: string; payload: unknown }[] = [];
  const response = { id: 'response' };
  const adapterHost = {
    httpAdapter: {
      isHeadersSent: () => headersSent,
      reply: (_res: unknown, body: unknown, status: number) => replies.push({ body, status }),
      end: (res: unknown) => ended.push(res),
    },
  } as unknown as HttpAdapterHost;
  const host = {
    getType: () => type,
    switchToHttp: () => ({ getResponse: () => response }),
    switchToWs: () => ({
      getClient: () => ({ emit: (event: string, payload: unknown) => emitted.push({ event, payload }) }),
    }),
  } as unknown as ArgumentsHost;
  return { filter: new AppExceptionFilter(adapterHost), host, replies, ended, emitted, response };
}

describe('AppExceptionFilter', () => {
  let logged: unknown[][];
  beforeEach(() => {
    logged = [];
    jest.spyOn(Logger.prototype, 'error').mockImplementation((...args: unknown[]) => {
      logged.push(args);
    });
  });
  afterEach(() => jest.restoreAllMocks());

  it('replies with the status and the error shape', () => {
    const { filter, host, replies } = setUp('http');
    filter.catch(new AppError(403, 'FORBIDDEN', 'organisers only'), host);
    expect(replies).toEqual([{ status: 403, body: { message: 'organisers only', code: 'FORBIDDEN' } }]);
    expect(logged).toEqual([]);
  });

  it('logs an unexpected error with its stack and sends no detail', () => {
    const { filter, host, replies } = setUp('http');
    const error = new Error('database password is hunter2');
    filter.catch(error, host);
    expect(replies).toEqual([{ status: 500, body: { message: 'Internal server error', code: 'INTERNAL' } }]);
    expect(JSON.stringify(replies)).not.toMatch(/hunter2|at /);
    expect(logged).toHaveLength(1);
    expect(logged[0][1]).toBe(error.stack);
  });

  it('ends a response whose headers are already sent', () => {
    const { filter, host, replies, ended, response } = setUp('http', true);
    filter.catch(new Error('mid-stream'), host);
    expect(replies).toEqual([]);
    expect(ended).toEqual([response]);
  });

  it('emits the same body to a socket client', () => {
    const { filter, host, emitted } = setUp('ws');
    filter.catch(new AppError(401, 'UNAUTHENTICATED', 'sign in'), host);
    expect(emitted).toEqual([{ event: 'exception', payload: { message: 'sign in', code: 'UNAUTHENTICATED' } }]);
  });
});
