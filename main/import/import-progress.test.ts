import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeBatchFile } from './generate-batches';
import { importFiles } from './import-files';
import type { ImportProgress } from './import-types';
import { TempWorkspace } from './import-test-helpers';

let ws: TempWorkspace;
beforeEach(() => {
  ws = new TempWorkspace();
});
afterEach(() => ws.cleanup());

describe('progress and cancellation', () => {
  for (const parseWorker of [false, true])
    it(`reports bytes read per file up to the total, and stops on abort keeping what was committed (${parseWorker ? 'parse worker' : 'in-thread'})`, async () => {
      const file = `${ws.dir}/b.ndjson`;
      const total = await writeBatchFile(file, {
        users: 600,
        eventsPerUser: 20,
        seed: 1,
        start: 1.76e12,
      });
      const db = ws.db();
      const seen: ImportProgress[] = [];
      const controller = new AbortController();
      await expect(
        importFiles(db, [file], {
          flushEvents: 1000,
          onProgress: (p) => {
            seen.push(p);
            if (p.events >= 2000) controller.abort();
          },
          signal: controller.signal,
          parseWorker,
        }),
      ).rejects.toMatchObject({ name: 'AbortError' });
      expect(db.prepare('SELECT status FROM imports').pluck().get()).toBe('failed');
      const committed = db
        .prepare('SELECT sum(event_count) FROM event_chunks')
        .pluck()
        .get() as number;
      expect(committed).toBeGreaterThan(0);
      expect(committed).toBeLessThan(total);

      const progress: ImportProgress[] = [];
      const done = await importFiles(db, [file], {
        onProgress: (p) => progress.push(p),
        parseWorker,
      });
      expect(done.events + done.duplicates).toBe(total);
      expect(done.duplicates).toBe(committed);
      const last = progress.at(-1)!;
      expect(last).toMatchObject({ file, batches: total / 10 });
      expect(last.bytesRead).toBe(last.bytesTotal);
      expect(last.bytesTotal).toBeGreaterThan(0);
      for (let i = 1; i < progress.length; i++) {
        expect(progress[i]!.bytesRead).toBeGreaterThanOrEqual(progress[i - 1]!.bytesRead);
      }
      expect(seen[0]).toMatchObject({ file, bytesRead: 0 });
    });
});
