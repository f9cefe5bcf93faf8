// The one typed API between renderer and main (house style: a single contract, channel -> request
// and response). The preload and the browser bridge are both generated from this list, and the
// main side registers exactly one handler per channel, checked at compile time.
import type { AudienceChannels } from './contract/audience-channels';
import type { WorkspaceChannels } from './contract/workspace-channels';
import type { ApiResult } from './contract/result';

export type Channels = WorkspaceChannels & AudienceChannels;
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
