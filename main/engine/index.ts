// The engine's public face: openEngine over an open cache (the planned API of the project brief).
import type { Database } from 'better-sqlite3';
import { AudienceEngine, type EngineOptions } from './audience-engine';

export { AudienceEngine, EvaluationCancelledError } from './audience-engine';
export type {
  AudienceLibrary,
  EngineOptions,
  EvaluateOptions,
  Evaluation,
} from './audience-engine';
export { AudienceInvalidError } from './audience-invalid-error';

/** An engine over the cache; large event tallies use a second core unless told not to. */
export function openEngine(db: Database, options: EngineOptions = {}): AudienceEngine {
  return new AudienceEngine(db, { splitTallies: true, ...options });
}
