import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { toErrorResponse } from './error-response';

/**
 * The one error shape (conventions): every failure of a request answers `{ message, code, errors? }`
 * with its status. Unexpected errors are logged with their stack; the client never sees one.
 * Socket.IO handlers get the same body as an `exception` event.
 */
@Catch()
export class AppExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('errors');

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const { status, body, unexpected } = toErrorResponse(exception);
    if (unexpected) {
      const stack = exception instanceof Error ? exception.stack : String(exception);
      this.logger.error(`${status} ${exception instanceof Error ? exception.message : 'non-error thrown'}`, stack);
    }
    switch (host.getType()) {
      case 'http': {
        const { httpAdapter } = this.adapterHost;
        const response: unknown = host.switchToHttp().getResponse();
        // A streamed response that fails half-way cannot change its status any more: end it.
        if (httpAdapter.isHeadersSent(response)) {
          httpAdapter.end(response);
          return;
        }
        httpAdapter.reply(response, body, status);
        return;
      }
      case 'ws':
        host.switchToWs().getClient<{ emit(event: string, payload: unknown): void }>().emit('exception', body);
        return;
      default:
        throw exception;
    }
  }
}
