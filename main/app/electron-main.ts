// The Electron shell: one window on app://studio/, the services behind the typed IPC, the
// workspace in userData (the demo workspace is created there on first start). Everything that is
// not Electron-specific lives in main/services, shared with browser mode.
import { app, BrowserWindow, dialog, safeStorage } from 'electron';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createDemoWithProgress, workspaceNeedsDemo } from '../services/demo-bootstrap';
import { createFileLogger, logFileFor, type Logger } from '../services/logger';
import { createStudioServices, type StudioServices } from '../services/studio-services';
import { WORKSPACE_FILE } from '../web/default-workspace';
import { APP_ENTRY_URL } from './app-origin';
import { registerAppScheme, serveRenderer } from './app-protocol';
import { registerIpc } from './ipc-register';
import { SafeStorageSecrets } from './safe-storage-secrets';
import { electronNativeBinding } from './native-binding';
import { denyPermissions, enforceCsp, hardenWebContents } from './window-security';

let mainWindow: BrowserWindow | null = null;
let services: StudioServices | null = null;
const demoJob = new AbortController();

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1400,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    title: 'Audience Studio',
    show: false,
    webPreferences: {
      preload: path.join(__dirname, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => {
    mainWindow = null;
  });
  void window.loadURL(APP_ENTRY_URL);
  return window;
}

async function start(): Promise<void> {
  const dbPath = path.join(app.getPath('userData'), WORKSPACE_FILE);
  const logger: Logger = createFileLogger(logFileFor(dbPath));
  const nativeBinding = electronNativeBinding(
    app.isPackaged,
    app.getAppPath(),
    process.resourcesPath,
  );
  if (nativeBinding) {
    // Read by openCache in every module and worker thread of this process.
    process.env.AUDIENCE_STUDIO_SQLITE_BINDING = nativeBinding;
  } else {
    logger.warn('no Electron build of better-sqlite3 found; using the one in node_modules');
  }
  denyPermissions();
  enforceCsp();
  serveRenderer(path.join(app.getAppPath(), 'dist', 'renderer'));

  const needsDemo = workspaceNeedsDemo(dbPath);
  services = createStudioServices({
    dbPath,
    now: Date.now,
    logger,
    ...(nativeBinding ? { nativeBinding } : {}),
    // Bundled next to this file by scripts/build-main.mjs.
    previewWorkerUrl: pathToFileURL(path.join(__dirname, 'preview-worker.cjs')),
    secrets: new SafeStorageSecrets(
      path.join(app.getPath('userData'), 'secrets.json'),
      safeStorage,
    ),
  });
  registerIpc(services, () => mainWindow, logger);
  mainWindow = createWindow();
  if (needsDemo) {
    // The window is up and shows the job's progress; the app works on the demo when it is done.
    createDemoWithProgress({
      dbPath,
      services,
      logger,
      signal: demoJob.signal,
      workerUrl: pathToFileURL(path.join(__dirname, 'demo-worker.cjs')),
    }).catch(() => {
      // Logged and reported to the window by createDemoWithProgress.
    });
  }
}

// Same override as browser mode (tests and a second profile point it at their own folder).
if (process.env.AUDIENCE_STUDIO_HOME) {
  app.setPath('userData', path.resolve(process.env.AUDIENCE_STUDIO_HOME));
}
registerAppScheme();
hardenWebContents();
app.enableSandbox();

if (!app.requestSingleInstanceLock()) {
  // A second instance would open the same workspace; focus the first instead.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
  });
  app
    .whenReady()
    .then(start)
    .catch((err: unknown) => {
      // E.g. the workspace is unreadable or newer than this app: a sentence, not a stack.
      const message = err instanceof Error ? err.message : String(err);
      dialog.showErrorBox('Audience Studio could not start', message);
      app.exit(1);
    });
  app.on('activate', () => {
    if (!mainWindow && services) mainWindow = createWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => {
    demoJob.abort();
    void services?.close();
  });
}
