import type { Worker } from 'node:worker_threads';
import { findWorker, startWorker } from '../process/start-worker';
import type { ParseWorkerAck, ParseWorkerInit, ParseWorkerMessage } from './parse-worker-protocol';
import type { WireGroup } from './record-wire';

// The importer's side of the parse worker: its groups as an async sequence, in the order posted.

/**
 * The worker module to run: the given one, else the one found next to this file. A build that
 * ships no worker gets undefined: parse in-thread.
 */
export function parseWorkerUrl(given: URL | undefined): URL | undefined {
  // The source next to this file (tests, the CLI, dev runs), or the bundled worker next to the
  // bundle (scripts/build-main.mjs writes parse-worker.cjs beside electron-main.cjs).
  return given ?? findWorker(import.meta.url, 'parse-worker');
}

/**
 * A young generation larger than V8's default: parsing makes short-lived objects at a high rate,
 * and fewer scavenges promote fewer of them.
 */
const LIMITS = { maxYoungGenerationSizeMb: 48 };

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
    this.worker = startWorker(url, init, LIMITS);
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

/**
 * Several workers over one line file, each parsing every n-th group of lines (all of them read the
 * whole file, to number the lines); their groups are taken in turn, so the order is the file's.
 */
export class SharedParseFeed {
  private readonly feeds: ParseWorkerFeed[];
  private last = 0;

  constructor(url: URL, init: ParseWorkerInit, workers: number) {
    this.feeds = Array.from(
      { length: workers },
      (_, index) => new ParseWorkerFeed(url, { ...init, share: { index, of: workers } }),
    );
  }

  /** Groups in file order; a worker's failure is thrown at its turn, after the groups before it. */
  async *groups(): AsyncGenerator<ParsedGroup> {
    const each = this.feeds.map((f) => f.groups());
    for (let g = 0; ; g++) {
      const k = g % each.length;
      const next = await each[k]!.next();
      // The worker whose turn it is has no group: the file has no more (all read the same lines).
      if (next.done) return;
      this.last = k;
      yield next.value;
    }
  }

  ack(): void {
    this.feeds[this.last]!.ack();
  }

  async close(): Promise<void> {
    await Promise.all(this.feeds.map((f) => f.close()));
  }
}
