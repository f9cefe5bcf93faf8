// First start: when there is no workspace yet, the app creates the demo workspace and shows its
// progress (the renderer listens to 'progress' events), then tells the renderer to refetch.
import path from 'node:path';
import { createDemoWorkspace, type DemoProgress } from '../demo/create-demo-workspace';
import type { JobProgress } from '../../shared/ipc-contract';
import type { Logger } from './logger';
import type { StudioServices } from './studio-services';

const PROGRESS_INTERVAL_MS = 150;

export interface DemoBootstrapOptions {
  dbPath: string;
  services: Pick<StudioServices, 'events' | 'notifyDataChanged'>;
  logger: Logger;
  users?: number;
  /** Also told every progress step, e.g. to print it in the terminal. */
  onProgress?: (p: JobProgress) => void;
}

function describe(p: DemoProgress): JobProgress {
  if (p.phase === 'generate') {
    return {
      job: 'demo-workspace',
      fraction: (0.25 * p.users) / p.usersTotal,
      message: `Creating demo users: ${p.users.toLocaleString('en-US')} of ${p.usersTotal.toLocaleString('en-US')}`,
      done: false,
    };
  }
  const share = p.bytesTotal > 0 ? Math.round((100 * p.bytesRead) / p.bytesTotal) : 0;
  return {
    job: 'demo-workspace',
    // The importer reports per file; only the phase (past generation) is known overall.
    fraction: null,
    message: `Importing ${path.basename(p.file)}: ${share}% (${p.events.toLocaleString('en-US')} events)`,
    done: false,
  };
}

export async function createDemoWithProgress(options: DemoBootstrapOptions): Promise<void> {
  const { services, logger } = options;
  const report = (p: JobProgress) => {
    services.events.emit('progress', p);
    options.onProgress?.(p);
  };
  let last = 0;
  const started = Date.now();
  report({
    job: 'demo-workspace',
    fraction: 0,
    message: 'Creating the demo workspace',
    done: false,
  });
  try {
    const summary = await createDemoWorkspace(options.dbPath, {
      ...(options.users !== undefined ? { users: options.users } : {}),
      onProgress: (p) => {
        const t = Date.now();
        if (t - last < PROGRESS_INTERVAL_MS) return;
        last = t;
        report(describe(p));
      },
    });
    logger.info('demo workspace created', {
      users: summary.users,
      events: summary.events,
      ms: Date.now() - started,
    });
    report({
      job: 'demo-workspace',
      fraction: 1,
      message: `Demo workspace ready: ${summary.profiles.toLocaleString('en-US')} profiles`,
      done: true,
    });
  } catch (err) {
    logger.error('demo workspace failed', {
      error: err instanceof Error ? err.stack : String(err),
    });
    report({
      job: 'demo-workspace',
      fraction: null,
      message: `The demo workspace could not be created: ${err instanceof Error ? err.message : String(err)}`,
      done: true,
    });
    throw err;
  } finally {
    services.notifyDataChanged();
  }
}
