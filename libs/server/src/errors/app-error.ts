/** One entry of a 400 VALIDATION error: which field (dot path, '' for the body itself) and what is wrong. */
export interface FieldError {
  path: string;
  message: string;
}

/** The body of every error response. */
export interface ErrorBody {
  message: string;
  code: string;
  errors?: FieldError[];
}

/**
 * An error meant for the client: its status, code and message are sent as they are (see
 * AppExceptionFilter). Throw it from services; anything else becomes a 500 with a generic message.
 */
export class AppError extends Error {
  override readonly name = 'AppError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly errors?: FieldError[],
  ) {
    super(message);
  }

  toBody(): ErrorBody {
    return this.errors === undefined
      ? { message: this.message, code: this.code }
      : { message: this.message, code: this.code, errors: this.errors };
  }
}

/** The code of an error response when nothing more specific is known, by HTTP status. */
export function codeForStatus(status: number): string {
  switch (status) {
    case 400:
      return 'BAD_REQUEST';
    case 401:
      return 'UNAUTHENTICATED';
    case 403:
      return 'FORBIDDEN';
    case 404:
      return 'NOT_FOUND';
    case 405:
      return 'METHOD_NOT_ALLOWED';
    case 409:
      return 'CONFLICT';
    case 413:
      return 'PAYLOAD_TOO_LARGE';
    case 415:
      return 'UNSUPPORTED_MEDIA_TYPE';
    case 429:
      return 'RATE_LIMITED';
    case 502:
      return 'BAD_GATEWAY';
    case 503:
      return 'UNAVAILABLE';
    default:
      return status >= 500 ? 'INTERNAL' : `HTTP_${status}`;
  }
}
