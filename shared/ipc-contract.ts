// The one typed API between renderer and main (house style: a single contract, channel -> request
// and response). The preload and the browser bridge are both generated from this list, and the
// main side registers exactly one handler per channel, checked at compile time.
import type { AudienceChannels } from './contract/audience-channels';
import { PUBLISH_CHANNEL_SET, type PublishChannels } from './contract/publish-channels';
import type { WorkspaceChannels } from './contract/workspace-channels';
import type { ApiError, ApiResult } from './contract/result';

export type Channels = WorkspaceChannels & AudienceChannels & PublishChannels;
export type Channel = keyof Channels;
export type RequestOf<C extends Channel> = Channels[C]['request'];
export type ResponseOf<C extends Channel> = Channels[C]['response'];

/** The renderer's view of the API: one async function per channel. */
export type StudioApi = {
  [C in Channel]: (request: RequestOf<C>) => Promise<ApiResult<ResponseOf<C>>>;
};

/** The main side's handlers: one per channel; they may throw ApiError-shaped errors. */
export type Handlers = {
  [C in Channel]: (request: RequestOf<C>) => Promise<ResponseOf<C>> | ResponseOf<C>;
};

// A record rather than an array so that adding a channel to Channels without listing it here (or
// listing one that does not exist) is a compile error: the runtime list cannot drift from the types.
const CHANNEL_SET = {
  'workspace-info': true,
  'catalog-get': true,
  'audiences-list': true,
  'audience-get': true,
  'audience-save': true,
  'audience-delete': true,
  'audience-validate': true,
  'audience-preview': true,
  'audience-members': true,
  'audience-explain': true,
  ...PUBLISH_CHANNEL_SET,
} as const satisfies Record<Channel, true>;

/** Every channel, at run time: what the preload exposes and the bridge accepts, nothing else. */
export const CHANNELS: readonly Channel[] = Object.freeze(Object.keys(CHANNEL_SET) as Channel[]);

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(CHANNEL_SET, name);
}

/** Progress of a long job in main (creating the demo workspace, an import). */
export interface JobProgress {
  job: 'demo-workspace' | 'import';
  /** 0..1 when known, null when the total is unknown. */
  fraction: number | null;
  message: string;
  done: boolean;
}

/** Events main pushes to the renderer (no request; the renderer subscribes by name). */
export interface StudioEvents {
  progress: JobProgress;
  /** The cache's data changed (an import finished, an audience was saved): refetch what you show. */
  'data-changed': { dataVersion: number };
}
export type StudioEventName = keyof StudioEvents;

const EVENT_SET = {
  progress: true,
  'data-changed': true,
} as const satisfies Record<StudioEventName, true>;

export function isStudioEventName(name: unknown): name is StudioEventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(EVENT_SET, name);
}

/** What the Electron preload exposes on window.studio: one function per channel, plus onEvent. */
export type PreloadStudio = StudioApi & {
  onEvent: <E extends StudioEventName>(
    name: E,
    callback: (payload: StudioEvents[E]) => void,
  ) => () => void;
};

/** What a transport needs to carry one call: the channel and its request, answering a result. */
export type InvokeFn = (channel: Channel, request: unknown) => Promise<ApiResult<unknown>>;

/**
 * Builds the StudioApi object from a transport's invoke function: one function per channel in
 * CHANNELS and nothing else. The preload and the browser bridge both use it, so the renderer sees
 * the same object whichever shell it runs in.
 */
export function createStudioApi(invoke: InvokeFn): StudioApi {
  const api: Record<string, (request: unknown) => Promise<ApiResult<unknown>>> = {};
  for (const channel of CHANNELS) {
    api[channel] = (request: unknown) => invoke(channel, request ?? {});
  }
  return Object.freeze(api) as unknown as StudioApi;
}

/** An ApiResult for a failure, with the message the UI shows. */
export function apiFailure(code: ApiError['code'], message: string): ApiResult<never> {
  return { ok: false, error: { code, message } };
}
