import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ParseWorkerAck, ParseWorkerInit, ParseWorkerMessage } from './parse-worker-protocol';
import type { WireGroup } from './record-wire';

// The importer's side of the parse worker: its groups as an async sequence, in the order posted.

/**
 * The worker module to run: the given one, else the one found next to this file. A build that
 * ships no worker gets undefined: parse in-thread.
 */
export function parseWorkerUrl(given: URL | undefined): URL | undefined {
  if (given) return given;
  // The source next to this file (tests, the CLI, dev runs), or the bundled worker next to the
  // bundle (scripts/build-main.mjs writes parse-worker.cjs beside electron-main.cjs).
  for (const name of ['./parse-worker.ts', './parse-worker.cjs']) {
    try {
      // Where import.meta.url is empty this throws: no worker there.
      const url = new URL(name, import.meta.url);
      if (url.protocol === 'file:' && existsSync(fileURLToPath(url))) return url;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/**
 * A young generation larger than V8's default: parsing makes short-lived objects at a high rate,
 * and fewer scavenges promote fewer of them.
 */
const LIMITS = { maxYoungGenerationSizeMb: 48 };

/**
 * A built .js/.cjs worker runs as is; a .ts source is loaded through tsx's module API, since loader
 * flags are not inherited by worker threads.
 */
function startWorker(url: URL, data: ParseWorkerInit): Worker {
  if (!url.pathname.endsWith('.ts'))
    return new Worker(url, { workerData: data, resourceLimits: LIMITS });
  // Resolved here, where tsx is known to be found: an eval worker resolves from the working directory.
  const tsx = import.meta.resolve('tsx/esm/api');
  const bootstrap = `
    const { workerData } = require('node:worker_threads');
    import(workerData.tsx).then(({ tsImport }) => tsImport(workerData.entry, workerData.entry));`;
  return new Worker(bootstrap, {
    eval: true,
    workerData: { ...data, entry: url.href, tsx },
    resourceLimits: LIMITS,
  });
}

export interface ParsedGroup {
  group: WireGroup;
  /** Bytes of the file read so far; -1 when unknown (the group before a failure). */
  bytesRead: number;
}

/** A failure in the worker; `inBatch` when it came while taking a batch (counted as one). */
export class ParseWorkerError extends Error {
  override name = 'ParseWorkerError';
  constructor(
    message: string,
    readonly inBatch: boolean,
  ) {
    super(message);
  }
}

export class ParseWorkerFeed {
  private readonly worker: Worker;
  private readonly queue: ParsedGroup[] = [];
  private finished = false;
  private failure: Error | undefined;
  private wake: (() => void) | undefined;

  constructor(url: URL, init: ParseWorkerInit) {
    this.worker = startWorker(url, init);
    const fail = (message: string, inBatch = false) => {
      this.failure ??= new ParseWorkerError(message, inBatch);
      this.wake?.();
    };
    this.worker.on('message', (m: ParseWorkerMessage) => {
      if (m.type === 'group') this.queue.push({ group: m.group, bytesRead: m.bytesRead });
      else if (m.type === 'done') this.finished = true;
      else fail(m.message, m.inBatch);
      this.wake?.();
    });
    this.worker.on('error', (e) => fail(`${init.path}: the parse worker failed (${e.message})`));
    this.worker.on('exit', (code) => {
      if (!this.finished) fail(`${init.path}: the parse worker stopped (exit code ${code})`);
    });
  }

  /** Groups in order; throws the worker's failure once the groups before it are taken. */
  async *groups(): AsyncGenerator<ParsedGroup> {
    for (;;) {
      const next = this.queue.shift();
      if (next) {
        yield next;
        continue;
      }
      if (this.failure) throw this.failure;
      if (this.finished) return;
      await new Promise<void>((r) => (this.wake = r));
      this.wake = undefined;
    }
  }

  /** One group was taken: the worker may read on. */
  ack(): void {
    const ack: ParseWorkerAck = 1;
    this.worker.postMessage(ack);
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}
