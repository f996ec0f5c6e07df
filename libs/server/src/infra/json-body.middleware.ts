import type { IncomingMessage, ServerResponse } from 'node:http';
import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import { SERVER_CONFIG, type ServerConfig } from '../config/server-config';
import { bodyParserError } from '../errors/body-errors';

type Next = (error?: unknown) => void;
type Handler = (req: IncomingMessage, res: ServerResponse, next: Next) => void;

// Express ships no types here (no @types/express): this is the one function used from it.
const express = require('express') as { json(options: { limit: string }): Handler };

/**
 * JSON bodies up to MAMORU_BODY_LIMIT. Nest's own parser is off (bootstrap.ts) because its errors
 * reach the exception filter as bare BadRequestExceptions; here they become AppErrors
 * (MALFORMED_JSON, PAYLOAD_TOO_LARGE) first. It runs after the request logger, so failed bodies
 * are logged with their request id.
 */
@Injectable()
export class JsonBodyMiddleware implements NestMiddleware<IncomingMessage, ServerResponse> {
  private readonly parse: Handler;

  constructor(@Inject(SERVER_CONFIG) config: ServerConfig) {
    this.parse = express.json({ limit: config.bodyLimit });
  }

  use(req: IncomingMessage, res: ServerResponse, next: Next): void {
    this.parse(req, res, (error) => next(error === undefined ? undefined : (bodyParserError(error) ?? error)));
  }
}
