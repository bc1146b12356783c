/** The one error shape of fed311's own API (CONTRACT §5); GeoReport routes render it as the spec's error list. */
export type ErrorCode =
  | 'bad_parameter'
  | 'unknown_parameter'
  | 'bad_cursor'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'method_not_allowed'
  | 'payload_too_large'
  | 'admin_disabled'
  | 'internal';

export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode;
  readonly parameter: string | null;

  constructor({ status, code, message, parameter = null }: { status: number; code: ErrorCode; message: string; parameter?: string | null }) {
    super(message);
    this.status = status;
    this.code = code;
    this.parameter = parameter;
  }

  toBody(): { error: { status: number; code: ErrorCode; message: string; parameter: string | null } } {
    return { error: { status: this.status, code: this.code, message: this.message, parameter: this.parameter } };
  }
}

export function badParameter(parameter: string, problem: string): ApiError {
  return new ApiError({ status: 400, code: 'bad_parameter', message: `${parameter}: ${problem}`, parameter });
}

export function notFound(message: string, parameter: string | null = null): ApiError {
  return new ApiError({ status: 404, code: 'not_found', message, parameter });
}

/** Anything thrown that is not an ApiError is a fault of ours: its cause is logged, the caller gets a generic 500. */
export function toApiError(error: unknown): { error: ApiError; unexpected: boolean } {
  if (error instanceof ApiError) return { error, unexpected: false };
  const status = (error as { status?: unknown }).status;
  // Koa's own HTTP errors (a malformed URL, a body too large) are the caller's fault and say so safely.
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const code: ErrorCode = status === 404 ? 'not_found' : status === 405 ? 'method_not_allowed' : 'bad_parameter';
    return { error: new ApiError({ status, code, message: (error as Error).message }), unexpected: false };
  }
  return { error: new ApiError({ status: 500, code: 'internal', message: 'internal error (logged on the server)' }), unexpected: true };
}
