// What the preload exposes, as a pure function of two transport functions so that it can be tested
// without Electron: one function per channel of the contract's runtime list, plus onEvent. Nothing
// else (no ipcRenderer, no generic send, no process) reaches the page.
import {
  createStudioApi,
  isStudioEventName,
  type InvokeFn,
  type PreloadStudio,
  type StudioEventName,
  type StudioEvents,
} from '../../shared/ipc-contract';

export type SubscribeFn = (listener: (name: string, payload: unknown) => void) => () => void;

export function buildPreloadApi(invoke: InvokeFn, subscribe: SubscribeFn): PreloadStudio {
  const api = createStudioApi(invoke);
  const onEvent = <E extends StudioEventName>(
    name: E,
    callback: (payload: StudioEvents[E]) => void,
  ): (() => void) => {
    if (!isStudioEventName(name)) throw new Error(`Unknown event "${String(name)}".`);
    if (typeof callback !== 'function') throw new Error('onEvent needs a callback function.');
    return subscribe((eventName, payload) => {
      if (eventName === name) callback(payload as StudioEvents[E]);
    });
  };
  return Object.freeze({ ...api, onEvent }) as PreloadStudio;
}
