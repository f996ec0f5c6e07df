import { AppError, codeForStatus } from './app-error';

/** The fields body-parser (through http-errors) puts on the errors it passes to `next`. */
interface BodyParserError {
  type: string;
  status: number;
  expose?: boolean;
  limit?: number;
}

function isBodyParserError(error: unknown): error is BodyParserError {
  if (typeof error !== 'object' || error === null) return false;
  const { type, status } = error as { type?: unknown; status?: unknown };
  return typeof type === 'string' && typeof status === 'number';
}

/**
 * The client error for a failure to read a request body (Express' body-parser), or undefined when
 * `error` is not one: malformed JSON → 400 MALFORMED_JSON, too large → 413 PAYLOAD_TOO_LARGE, and
 * the parser's other client errors (unsupported charset, aborted request...) by their status.
 */
export function bodyParserError(error: unknown): AppError | undefined {
  if (!isBodyParserError(error)) return undefined;
  switch (error.type) {
    case 'entity.parse.failed':
      return new AppError(400, 'MALFORMED_JSON', 'The request body is not valid JSON.');
    case 'entity.too.large':
      return new AppError(
        413,
        'PAYLOAD_TOO_LARGE',
        error.limit === undefined
          ? 'The request body is too large.'
          : `The request body is larger than the limit of ${error.limit} bytes.`,
      );
    default:
      // Parser failures of the server itself (status 500, expose false) stay internal errors.
      if (error.status >= 400 && error.status < 500 && error.expose !== false) {
        return new AppError(error.status, codeForStatus(error.status), 'The request body could not be read.');
      }
      return undefined;
  }
}
