import type { ValidationProblem } from '../../shared/audience/audience-types';

/** A definition the engine refuses to evaluate: every problem, by JSON path (audience-v1.md). */
export class AudienceInvalidError extends Error {
  readonly code = 'invalid-audience' as const;
  constructor(readonly problems: ValidationProblem[]) {
    super(
      `invalid audience: ${problems
        .slice(0, 5)
        .map((p) => `${p.path}: ${p.message}`)
        .join('; ')}${problems.length > 5 ? ` (and ${problems.length - 5} more)` : ''}`,
    );
    this.name = 'AudienceInvalidError';
  }
}
