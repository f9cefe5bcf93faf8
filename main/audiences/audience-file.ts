// Reading an `*.audience.json` file for the CLI and file import: unreadable files and text that is
// not JSON are reported with the path; the definition itself is then validated by the caller.
import { readFileSync } from 'node:fs';
import type { AudienceDefinition, ValidationProblem } from '../../shared/audience/audience-types';
import { validateAudience } from '../../shared/audience/validate-audience';

export class AudienceFileError extends Error {
  override name = 'AudienceFileError';
}

export function readAudienceFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const reason =
      (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message;
    throw new AudienceFileError(`cannot read ${file}: ${reason}`);
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
  } catch (e) {
    throw new AudienceFileError(`${file} is not valid JSON: ${(e as Error).message}`);
  }
}

/** The problems of a definition read from a file, resolving references against the workspace. */
export function fileProblems(
  input: unknown,
  library: ((id: string) => AudienceDefinition | undefined) | undefined,
  lookbackDays: number | undefined,
): ValidationProblem[] {
  return validateAudience(input, {
    ...(lookbackDays !== undefined ? { lookbackDays } : {}),
    ...(library ? { knownAudiences: library } : {}),
  });
}
