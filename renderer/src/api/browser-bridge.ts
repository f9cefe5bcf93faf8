// The StudioApi over the local web server (browser mode, `npm run web`). Every call carries the
// per-run token the server printed in the URL fragment (#token=...): fragments are never sent to a
// server, so the token stays out of request logs; it is kept in sessionStorage so a reload works.
import {
  apiFailure,
  createStudioApi,
  isStudioEventName,
  type Channel,
  type StudioApi,
  type StudioEventName,
  type StudioEvents,
} from '../../../shared/ipc-contract';
import type { ApiResult } from '../../../shared/contract/result';
import { createSseParser } from './sse-parser';

const TOKEN_KEY = 'audience-studio-token';

/** Reads the token from the fragment (then removes it from the address bar) or from the session. */
function takeBridgeToken(): string | null {
  const hash = new URLSearchParams(window.location.hash.replace(/^#/, ''));
  const fromHash = hash.get('token');
  if (fromHash) {
    window.sessionStorage.setItem(TOKEN_KEY, fromHash);
    hash.delete('token');
    const rest = hash.toString();
    const url = window.location.pathname + window.location.search + (rest ? `#${rest}` : '');
    window.history.replaceState(window.history.state, '', url);
    return fromHash;
  }
  return window.sessionStorage.getItem(TOKEN_KEY);
}

const NO_TOKEN =
  'This page has no access token. Open the address that npm start or npm run web printed ' +
  '(it ends with #token=...).';

async function invokeOverHttp(
  token: string | null,
  channel: Channel,
  request: unknown,
): Promise<ApiResult<unknown>> {
  if (!token) return apiFailure('unavailable', NO_TOKEN);
  let response: Response;
  try {
    response = await fetch(`/api/${channel}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify(request),
    });
  } catch {
    return apiFailure(
      'unavailable',
      'Audience Studio is not running any more (the server stopped).',
    );
  }
  if (response.status === 401) {
    // A token from an earlier run (the page was left open while Audience Studio restarted).
    return apiFailure(
      'unavailable',
      'This page is no longer connected: Audience Studio was restarted. Open the new address it printed.',
    );
  }
  try {
    const body = (await response.json()) as ApiResult<unknown>;
    if (body && typeof body === 'object' && typeof body.ok === 'boolean') return body;
  } catch {
    // fall through: a body that is not an ApiResult
  }
  return apiFailure('internal', `The server answered ${response.status} without a result.`);
}

type Listener = (payload: unknown) => void;

/** One event stream shared by all subscribers, opened on the first and reconnected if it drops. */
function createEventHub(token: string | null) {
  const listeners = new Map<StudioEventName, Set<Listener>>();
  let running = false;

  const dispatch = (event: string, data: string) => {
    if (!isStudioEventName(event)) return;
    let payload: unknown;
    try {
      payload = JSON.parse(data);
    } catch {
      return;
    }
    for (const listener of listeners.get(event) ?? []) listener(payload);
  };

  const connectOnce = async () => {
    const response = await fetch('/api/events', {
      headers: { Authorization: `Bearer ${token}`, Accept: 'text/event-stream' },
    });
    if (!response.ok || !response.body) throw new Error(`events: ${response.status}`);
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    const feed = createSseParser((m) => dispatch(m.event, m.data));
    while (true) {
      const { value, done } = await reader.read();
      if (done) return;
      feed(value);
    }
  };

  const run = async () => {
    let delay = 500;
    while (running) {
      try {
        await connectOnce();
        delay = 500;
      } catch {
        delay = Math.min(delay * 2, 10_000);
      }
      if (running) await new Promise((resolve) => setTimeout(resolve, delay));
    }
  };

  return <E extends StudioEventName>(
    name: E,
    callback: (payload: StudioEvents[E]) => void,
  ): (() => void) => {
    let set = listeners.get(name);
    if (!set) listeners.set(name, (set = new Set()));
    const listener = callback as Listener;
    set.add(listener);
    if (!running && token) {
      running = true;
      void run();
    }
    return () => {
      set.delete(listener);
    };
  };
}

export interface BrowserBridge {
  api: StudioApi;
  onEvent: <E extends StudioEventName>(
    name: E,
    callback: (payload: StudioEvents[E]) => void,
  ) => () => void;
}

export function createBrowserBridge(): BrowserBridge {
  const token = takeBridgeToken();
  return {
    api: createStudioApi((channel, request) => invokeOverHttp(token, channel, request)),
    onEvent: createEventHub(token),
  };
}
