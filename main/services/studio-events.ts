// Main -> renderer events, independent of the transport: IPC forwards them to the window, the web
// bridge streams them as Server-Sent Events.
import type { StudioEventName, StudioEvents } from '../../shared/ipc-contract';

export type StudioEventListener = <E extends StudioEventName>(
  name: E,
  payload: StudioEvents[E],
) => void;

export interface StudioEventHub {
  emit<E extends StudioEventName>(name: E, payload: StudioEvents[E]): void;
  subscribe(listener: StudioEventListener): () => void;
}

export function createEventHub(): StudioEventHub {
  const listeners = new Set<StudioEventListener>();
  return {
    emit(name, payload) {
      for (const listener of [...listeners]) {
        try {
          listener(name, payload);
        } catch {
          // A broken subscriber (e.g. a closed connection) must not stop the others.
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
