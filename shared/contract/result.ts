import type { ValidationProblem } from '../audience/audience-types';

/**
 * What every API call answers: a value, or a typed error the UI can show as it is. Services throw
 * ApiError-shaped objects; the transport (Electron IPC or the browser bridge) never leaks stacks.
 */
export type ApiErrorCode =
  | 'invalid-request' // the request itself is malformed (a bug in the caller)
  | 'invalid-audience' // the definition breaks the spec: see problems
  | 'not-found'
  | 'conflict' // e.g. deleting an audience others use, saving one that would make a cycle
  | 'cancelled' // superseded by a newer request
  | 'partner-error' // an integration answered with a permanent error
  | 'unavailable' // offline, or a service is not ready yet
  | 'internal';

export interface ApiError {
  code: ApiErrorCode;
  message: string;
  problems?: ValidationProblem[];
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };
