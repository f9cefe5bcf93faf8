import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import path from 'node:path';
import { CsvParser } from './csv-parser';
import { csvLayout, type CsvLayout } from './csv-rows';
import { ImportInputError } from './import-types';
import { readTextChunks } from './text-chunks';

// Checks every file before anything is written: an unreadable file, an unknown extension or a CSV
// header without identity columns fails the whole command with nothing imported.

export type FileKind = 'json' | 'lines' | 'csv';

export interface FilePlan {
  path: string;
  kind: FileKind;
  size: number;
  csv?: CsvLayout;
}

const KINDS: Record<string, FileKind> = {
  '.json': 'json',
  '.ndjson': 'lines',
  '.jsonl': 'lines',
  '.csv': 'csv',
};

async function readCsvHeader(file: string): Promise<string[]> {
  const parser = new CsvParser();
  for await (const piece of readTextChunks(file, () => {})) {
    const first = parser.push(piece)[0];
    if (first) {
      if ('error' in first)
        throw new ImportInputError(`${file}:${first.line}: header row: ${first.error}`);
      return first.cells;
    }
  }
  const last = parser.end()[0];
  if (last && 'cells' in last) return last.cells;
  if (last) throw new ImportInputError(`${file}:${last.line}: header row: ${last.error}`);
  throw new ImportInputError(`${file}: the file is empty; a profile CSV starts with a header row`);
}

export async function planFile(file: string): Promise<FilePlan> {
  const ext = path.extname(file).toLowerCase();
  const kind = KINDS[ext];
  if (!kind) {
    throw new ImportInputError(
      `${file}: unknown format${ext ? ` "${ext}"` : ' (no extension)'}; ` +
        'use .json, .ndjson or .jsonl for mParticle batches and .csv for profiles',
    );
  }
  let size: number;
  try {
    const st = await stat(file);
    if (!st.isFile()) throw new ImportInputError(`${file}: not a file`);
    await access(file, constants.R_OK);
    size = st.size;
  } catch (e) {
    if (e instanceof ImportInputError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new ImportInputError(
      `${file}: cannot read the file (${code === 'ENOENT' ? 'it does not exist' : (code ?? String(e))})`,
    );
  }
  if (kind !== 'csv') return { path: file, kind, size };
  try {
    return { path: file, kind, size, csv: csvLayout(await readCsvHeader(file), file) };
  } catch (e) {
    if (e instanceof ImportInputError) throw e;
    throw new ImportInputError(`${file}: cannot read the file (${(e as Error).message})`);
  }
}
