// The main-process services behind every channel, shared by both shells (Electron IPC and the
// browser bridge). Plain Node: paths, clock and logger come in as arguments.
import type { Handlers } from '../../shared/ipc-contract';
import { openCache, type CacheDb } from '../cache/open-cache';
import { getDataVersion } from '../cache/settings';
import { openEngine } from '../engine/index';
import { createAudienceHandlers } from './audience-handlers';
import type { Logger } from './logger';
import { createEventHub, type StudioEventHub } from './studio-events';
import { readWorkspaceInfo } from './workspace-info';

export interface StudioServicesOptions {
  dbPath: string;
  now: () => number;
  logger: Logger;
  /** better-sqlite3's native binding for Electron (its ABI differs from Node's). */
  nativeBinding?: string;
}

export interface StudioServices {
  handlers: Handlers;
  events: StudioEventHub;
  /** Tells the renderer the data changed (after an import or the demo workspace was created). */
  notifyDataChanged(): void;
  close(): Promise<void>;
}

export function createStudioServices(options: StudioServicesOptions): StudioServices {
  const { dbPath, logger, now } = options;
  const db: CacheDb = openCache(
    dbPath,
    options.nativeBinding ? { nativeBinding: options.nativeBinding } : {},
  );
  const engine = openEngine(db);
  const events = createEventHub();
  const notifyDataChanged = () => events.emit('data-changed', { dataVersion: getDataVersion(db) });
  logger.info('services opened', { dataVersion: getDataVersion(db) });

  const handlers: Handlers = {
    'workspace-info': () => readWorkspaceInfo(db, dbPath),
    'catalog-get': () => engine.catalog(),
    ...createAudienceHandlers({ db, engine, now, changed: notifyDataChanged }),
  };

  let closed = false;
  return {
    handlers,
    events,
    notifyDataChanged,
    async close() {
      if (closed) return;
      closed = true;
      db.close();
      logger.info('services closed');
    },
  };
}
