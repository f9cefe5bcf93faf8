// Child process: writes the demo files of a workspace being built, printing `file<TAB>PATH` as each
// one is complete so that build-cache.ts imports it while the next is written, then the import
// slice, then one JSON line with what it made.
// Usage: generate-files.ts DIR USERS SEED NOW
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { generateDemoFiles } from '../main/demo/generate-demo-files';
import { IMPORT_SLICE_USERS } from './bench-workspace';
import { FILE_LINE_PREFIX, childMain, progressLog } from './build-progress';

export interface FilesGenerated {
  files: string[];
  events: number;
  duplicates: number;
  sliceUsers: number;
  sliceEvents: number;
}

childMain('files', async ([dir, usersText, seed, nowText]): Promise<FilesGenerated> => {
  const users = Number(usersText);
  const now = Number(nowText);
  const log = progressLog('files', performance.now());
  const filesDir = path.join(dir, 'files');
  mkdirSync(filesDir);
  const made = generateDemoFiles(filesDir, {
    users,
    seed,
    now,
    onFile: (f) => process.stdout.write(`${FILE_LINE_PREFIX}${f}\n`),
    onProgress: (p) => log(`generated ${p.users}/${p.usersTotal} users`),
  });
  log(`all files written`, true);
  const sliceDir = path.join(dir, 'slice');
  mkdirSync(sliceDir);
  const slice = generateDemoFiles(sliceDir, {
    users: Math.min(users, IMPORT_SLICE_USERS),
    seed: `${seed}-slice`,
    now,
  });
  return {
    files: made.files,
    events: made.events,
    duplicates: made.duplicates,
    sliceUsers: slice.users,
    sliceEvents: slice.events,
  };
});
