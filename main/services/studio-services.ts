// The main-process services behind every channel, shared by both shells (Electron IPC and the
// browser bridge). Plain Node: paths, clock and logger come in as arguments.
import type { Handlers } from '../../shared/ipc-contract';
import { openCache, type CacheDb } from '../cache/open-cache';
import { getDataVersion } from '../cache/settings';
import { createPreviewService } from '../engine/preview-service';
import { startPublishQueue } from '../publish/offline-queue';
import { createPublishHandlers } from '../publish/publish-handlers';
import { MemorySecretStore } from '../publish/secret-store';
import type { SecretStore } from '../publish/publish-types';
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
  /** The engine worker's module when bundled (Electron); by default its .ts source via tsx. */
  previewWorkerUrl?: URL;
  /** Where connection secrets go: the OS keychain in Electron; memory (this run only) otherwise. */
  secrets?: SecretStore;
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
  const preview = createPreviewService(
    dbPath,
    options.previewWorkerUrl ? { workerUrl: options.previewWorkerUrl } : {},
  );
  const events = createEventHub();
  const notifyDataChanged = () => events.emit('data-changed', { dataVersion: getDataVersion(db) });
  logger.info('services opened', { dataVersion: getDataVersion(db) });

  const secrets = options.secrets ?? new MemorySecretStore();
  // Publishes stopped by a lost network resume once their partner answers again.
  const publishQueue = startPublishQueue({
    db,
    secrets,
    now,
    onError: (e) => logger.warn('publish queue', { error: String(e) }),
  });

  const handlers: Handlers = {
    'workspace-info': () => readWorkspaceInfo(db, dbPath),
    'catalog-get': () => preview.catalog(),
    ...createAudienceHandlers({ db, preview, now, changed: notifyDataChanged }),
    ...createPublishHandlers({
      db,
      members: (definition, asOf) => preview.members(definition, { asOf }),
      now,
      secrets,
    }),
  };

  let closed = false;
  return {
    handlers,
    events,
    notifyDataChanged,
    async close() {
      if (closed) return;
      closed = true;
      publishQueue.stop();
      await preview.close();
      db.close();
      logger.info('services closed');
    },
  };
}
