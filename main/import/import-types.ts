// The importer's public shapes. ImportSummary is exactly cli.md's `import --json` document.

export interface RejectedRecord {
  source: string;
  reason: string;
}

export interface ImportSummary {
  batches: number;
  rows: number;
  events: number;
  duplicates: number;
  profiles: number;
  rejected: RejectedRecord[];
}

export interface ImportProgress {
  file: string;
  bytesRead: number;
  bytesTotal: number;
  batches: number;
  rows: number;
  events: number;
}

export interface ImportOptions {
  /** Clock for import times and attribute writes without a time of their own (epoch ms). */
  now?: () => number;
  onProgress?: (p: ImportProgress) => void;
  signal?: AbortSignal;
  /**
   * Events buffered before one flush (one transaction). Larger flushes rewrite each event chunk
   * fewer times; tests lower it to get many flushes from a small file.
   */
  flushEvents?: number;
  /**
   * Parse batch files in a worker thread (the main thread resolves identities and writes
   * meanwhile). Default: for files of 8 MB or more. The result is the same either way.
   */
  parseWorker?: boolean;
  /**
   * How many parse workers share a line file (tests set it; the default is 2 for files of 32 MB
   * or more on a machine with more than one core, else 1).
   */
  parseWorkers?: number;
  /** The parse worker's module in a bundled build (default: parse-worker.ts next to the code). */
  parseWorkerUrl?: URL;
}

/**
 * A file the importer cannot take at all (unreadable, unknown extension, CSV header without any
 * identity column). Raised before anything is written; the CLI exits 2 on it.
 */
export class ImportInputError extends Error {
  override name = 'ImportInputError';
}

/** Another import into the same workspace is running; nothing was written. The CLI exits 1. */
export class ImportBusyError extends Error {
  override name = 'ImportBusyError';
}

/** Raised when the caller's AbortSignal stops an import; flushes already committed stay. */
export class ImportAbortedError extends Error {
  override name = 'AbortError';
  readonly code = 'aborted';
}
