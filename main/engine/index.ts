// The engine's public face: openEngine over an open cache (the planned API of the project brief).
import type { Database } from 'better-sqlite3';
import { AudienceEngine } from './audience-engine';

export { AudienceEngine, EvaluationCancelledError } from './audience-engine';
export type { AudienceLibrary, EvaluateOptions, Evaluation } from './audience-engine';
export { AudienceInvalidError } from './audience-invalid-error';

export function openEngine(db: Database): AudienceEngine {
  return new AudienceEngine(db);
}
