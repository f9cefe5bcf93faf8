// Browser mode as one call: the same services the Electron shell uses, behind the web bridge.
// Used by `npm run web` and by `npm start` where Electron cannot run.
import path from 'node:path';
import { workspaceNeedsDemo } from '../services/demo-bootstrap';
import { createFileLogger, logFileFor, type Logger } from '../services/logger';
import { createStudioServices, type StudioServices } from '../services/studio-services';
import { ensureRendererBuilt } from './renderer-build';
import { explainListenError } from './startup-error';
import { startWebServer, type RunningWebServer } from './web-server';

export interface BrowserModeOptions {
  dbPath: string;
  port: number;
  /** The repository (or app) root holding dist/renderer. */
  rootDir: string;
  now: () => number;
  /** Progress and explanations (stderr), never the URL. */
  note: (line: string) => void;
}

export interface BrowserMode {
  server: RunningWebServer;
  services: StudioServices;
  logger: Logger;
  /** Whether the workspace is new (or a demo creation was cut short): it needs the demo. */
  needsDemo: boolean;
  stop(): Promise<void>;
}

export async function startBrowserMode(options: BrowserModeOptions): Promise<BrowserMode> {
  const dbPath = path.resolve(options.dbPath);
  const staticDir = await ensureRendererBuilt(options.rootDir, options.note);
  const needsDemo = workspaceNeedsDemo(dbPath);
  const logger = createFileLogger(logFileFor(dbPath), options.now);
  const services = createStudioServices({ dbPath, now: options.now, logger });
  let server: RunningWebServer;
  try {
    server = await startWebServer({ services, logger, staticDir, port: options.port });
  } catch (err) {
    await services.close();
    throw explainListenError(err, options.port);
  }
  return {
    server,
    services,
    logger,
    needsDemo,
    async stop() {
      await server.close();
      await services.close();
    },
  };
}
