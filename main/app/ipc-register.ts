// The main side of the IPC contract: one handler for the one invoke channel, which answers only
// our own window's top frame on our own origin, then validates and dispatches like the bridge.
import { ipcMain, type BrowserWindow } from 'electron';
import type { ApiResult } from '../../shared/contract/result';
import { dispatchCall } from '../services/dispatch-call';
import type { Logger } from '../services/logger';
import type { StudioServices } from '../services/studio-services';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from './ipc-names';
import { isTrustedSender } from './ipc-sender';

function ownWindow(window: BrowserWindow | null) {
  if (!window || window.isDestroyed()) return null;
  return { contents: window.webContents, top: window.webContents.mainFrame };
}

/** Registers the invoke handler and forwards service events to the window; returns the undo. */
export function registerIpc(
  services: StudioServices,
  getWindow: () => BrowserWindow | null,
  logger: Logger,
): () => void {
  ipcMain.handle(
    INVOKE_CHANNEL,
    async (event, channel: unknown, request: unknown): Promise<ApiResult<unknown>> => {
      if (!isTrustedSender(event.sender, event.senderFrame, ownWindow(getWindow()))) {
        logger.warn('ipc from an untrusted sender refused', {
          url: event.senderFrame?.url ?? null,
        });
        return { ok: false, error: { code: 'invalid-request', message: 'Untrusted sender.' } };
      }
      return dispatchCall(services.handlers, channel, request, logger);
    },
  );
  const unsubscribe = services.events.subscribe((name, payload) => {
    const window = getWindow();
    if (window && !window.isDestroyed()) window.webContents.send(EVENT_CHANNEL, name, payload);
  });
  return () => {
    ipcMain.removeHandler(INVOKE_CHANNEL);
    unsubscribe();
  };
}
