// The renderer's only way out: the typed StudioApi, from the Electron preload (window.studio) when
// the app runs in Electron, or over the local web bridge in browser mode. Components import
// getStudioApi / onStudioEvent from here and never know which shell they are in.
import type {
  PreloadStudio,
  StudioApi,
  StudioEventName,
  StudioEvents,
} from '../../../shared/ipc-contract';
import { createBrowserBridge, type BrowserBridge } from './browser-bridge';

declare global {
  interface Window {
    studio?: PreloadStudio;
  }
}

let bridge: BrowserBridge | null = null;

function shell(): BrowserBridge {
  if (bridge) return bridge;
  const preload = typeof window !== 'undefined' ? window.studio : undefined;
  if (preload) {
    bridge = { api: preload, onEvent: preload.onEvent };
  } else {
    bridge = createBrowserBridge();
  }
  return bridge;
}

/** The typed API; every call resolves to an ApiResult (it never rejects for a service error). */
export function getStudioApi(): StudioApi {
  return shell().api;
}

/** Subscribes to an event main pushes (e.g. 'progress'); returns the unsubscribe function. */
export function onStudioEvent<E extends StudioEventName>(
  name: E,
  callback: (payload: StudioEvents[E]) => void,
): () => void {
  return shell().onEvent(name, callback);
}

export type { PreloadStudio, StudioApi, StudioEventName, StudioEvents };
export type { ApiError, ApiResult } from '../../../shared/contract/result';
