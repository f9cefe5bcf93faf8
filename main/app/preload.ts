// The preload: runs sandboxed with context isolation and exposes window.studio, built from the
// contract's channel list by buildPreloadApi. Nothing else of Electron reaches the page.
import { contextBridge, ipcRenderer } from 'electron';
import type { ApiResult } from '../../shared/contract/result';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from './ipc-names';
import { buildPreloadApi } from './preload-api';

const studio = buildPreloadApi(
  (channel, request) =>
    ipcRenderer.invoke(INVOKE_CHANNEL, channel, request) as Promise<ApiResult<unknown>>,
  (listener) => {
    const relay = (_event: unknown, name: string, payload: unknown) => listener(name, payload);
    ipcRenderer.on(EVENT_CHANNEL, relay);
    return () => {
      ipcRenderer.off(EVENT_CHANNEL, relay);
    };
  },
);

contextBridge.exposeInMainWorld('studio', studio);
