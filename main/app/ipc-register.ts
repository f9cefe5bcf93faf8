// The main side of the IPC contract: one handler for the one invoke channel, which answers only
// our own window's top frame on our own origin, then validates and dispatches like the bridge.
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import type { ApiResult } from '../../shared/contract/result';
import { dispatchCall } from '../services/dispatch-call';
import type { Logger } from '../services/logger';
import type { StudioServices } from '../services/studio-services';
import { isAppUrl } from './app-origin';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from './ipc-names';

function isTrustedSender(event: IpcMainInvokeEvent, window: BrowserWindow | null): boolean {
  if (!window || window.isDestroyed()) return false;
  if (event.sender !== window.webContents) return false;
  // Only the top frame, and only while it shows our own page (not an error page or a frame that
  // somehow navigated elsewhere).
  const frame = event.senderFrame;
  const top = window.webContents.mainFrame;
  return (
    !!frame &&
    frame.processId === top.processId &&
    frame.routingId === top.routingId &&
    isAppUrl(frame.url)
  );
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
      if (!isTrustedSender(event, getWindow())) {
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
