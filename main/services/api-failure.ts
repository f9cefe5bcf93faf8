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

function hasProblems(err: object): err is { problems: ValidationProblem[]; message?: unknown } {
  return Array.isArray((err as { problems?: unknown }).problems);
}

/** Turns anything a handler threw into the ApiError the transport sends back. */
export function toApiError(err: unknown, channel: string, logger: Logger): ApiError {
  if (err instanceof ApiFailure) {
    return err.problems
      ? { code: err.code, message: err.message, problems: err.problems }
      : { code: err.code, message: err.message };
  }
  if (err && typeof err === 'object') {
    const code = (err as { code?: unknown }).code;
    // The engine's AudienceInvalidError carries problems; its preview worker rejects superseded
    // requests with code 'cancelled'. Both are expected outcomes, not bugs.
    if (hasProblems(err)) {
      return {
        code: 'invalid-audience',
        message: 'The audience definition is not valid.',
        problems: err.problems,
      };
    }
    if (code === 'cancelled') {
      return { code: 'cancelled', message: 'A newer request replaced this one.' };
    }
    if (code === 'not-found' || code === 'conflict' || code === 'unavailable') {
      const message = (err as { message?: unknown }).message;
      return { code, message: typeof message === 'string' ? message : code };
    }
  }
  logger.error(`${channel} failed`, { error: err instanceof Error ? err.stack : String(err) });
  return { code: 'internal', message: `Audience Studio could not complete ${channel}.` };
}
