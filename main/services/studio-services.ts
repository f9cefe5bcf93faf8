// The main-process services behind every channel, shared by both shells (Electron IPC and the
// browser bridge). Plain Node: paths, clock and logger come in as arguments.
import type { Handlers } from '../../shared/ipc-contract';
import { openCache, type CacheDb } from '../cache/open-cache';
import { getDataVersion } from '../cache/settings';
import { ApiFailure } from './api-failure';
import { readCatalogFromCache } from './catalog-from-cache';
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
  close(): Promise<void>;
}

function notYet(what: string): never {
  throw new ApiFailure('unavailable', `${what} is not available in this build yet.`);
}

export function createStudioServices(options: StudioServicesOptions): StudioServices {
  const { dbPath, logger } = options;
  const db: CacheDb = openCache(
    dbPath,
    options.nativeBinding ? { nativeBinding: options.nativeBinding } : {},
  );
  const events = createEventHub();
  logger.info('services opened', { dataVersion: getDataVersion(db) });

  const handlers: Handlers = {
    'workspace-info': () => readWorkspaceInfo(db, dbPath),
    'catalog-get': () => readCatalogFromCache(db),
    'audiences-list': () => notYet('The audience library'),
    'audience-get': () => notYet('The audience library'),
    'audience-save': () => notYet('Saving audiences'),
    'audience-delete': () => notYet('Deleting audiences'),
    'audience-validate': () => notYet('Audience validation'),
    'audience-preview': () => notYet('Preview'),
    'audience-members': () => notYet('Member lists'),
    'audience-explain': () => notYet('Explanations'),
  };

  let closed = false;
  return {
    handlers,
    events,
    async close() {
      if (closed) return;
      closed = true;
      db.close();
      logger.info('services closed');
    },
  };
}
