// Typed failures: what a handler throws when the caller should see a specific error code, and the
// one place where any thrown value becomes an ApiError. Unknown errors are logged with their stack
// and reach the UI only as a plain sentence (no stacks, no paths, no SQL leave main).
import type { ApiError, ApiErrorCode } from '../../shared/contract/result';
import type { ValidationProblem } from '../../shared/audience/audience-types';
import type { Logger } from './logger';

export class ApiFailure extends Error {
  readonly code: ApiErrorCode;
  readonly problems: ValidationProblem[] | undefined;

  constructor(code: ApiErrorCode, message: string, problems?: ValidationProblem[]) {
    super(message);
    this.name = 'ApiFailure';
    this.code = code;
    this.problems = problems;
  }
}

// Codes a module may put on its own errors (AudienceInvalidError, AudienceStoreError, the preview
// worker's cancellation): expected outcomes the UI shows as they are. 'internal' is not among them:
// an unexpected failure never carries its own message out.
const PASS_THROUGH: ReadonlySet<string> = new Set<ApiErrorCode>([
  'invalid-request',
  'invalid-audience',
  'not-found',
  'conflict',
  'cancelled',
  'partner-error',
  'unavailable',
]);

/** Turns anything a handler threw into the ApiError the transport sends back. */
export function toApiError(err: unknown, channel: string, logger: Logger): ApiError {
  if (err && typeof err === 'object') {
    const { code, message, problems } = err as {
      code?: unknown;
      message?: unknown;
      problems?: unknown;
    };
    if (typeof code === 'string' && PASS_THROUGH.has(code)) {
      const error: ApiError = {
        code: code as ApiErrorCode,
        message: typeof message === 'string' && message ? message : code,
      };
      if (Array.isArray(problems)) error.problems = problems as ValidationProblem[];
      return error;
    }
  }
  logger.error(`${channel} failed`, { error: err instanceof Error ? err.stack : String(err) });
  return { code: 'internal', message: `Audience Studio could not complete ${channel}.` };
}
