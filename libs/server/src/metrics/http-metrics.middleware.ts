import type { IncomingMessage, ServerResponse } from 'node:http';
import { Injectable, type NestMiddleware } from '@nestjs/common';
import { MetricsService } from './metrics.service';

/** What Express adds to a request once a route matched it. */
interface RoutedRequest extends IncomingMessage {
  baseUrl?: string;
  route?: { path?: unknown };
}

/** Requests no route matched share one label, so scanners cannot blow up the label set. */
export const UNMATCHED_ROUTE = '(unmatched)';

/**
 * Times every HTTP request, labelled by route pattern. A middleware rather than an interceptor so
 * that requests refused by a guard (401, 403, 429) and unknown routes (404) are counted too.
 */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware<RoutedRequest, ServerResponse> {
  constructor(private readonly metrics: MetricsService) {}

  use(req: RoutedRequest, res: ServerResponse, next: () => void): void {
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const pattern = req.route?.path;
      const route = typeof pattern === 'string' ? `${req.baseUrl ?? ''}${pattern}` : UNMATCHED_ROUTE;
      this.metrics.observeHttpRequest(req.method ?? 'UNKNOWN', route, res.statusCode, seconds);
    });
    next();
  }
}
