// One API call, whatever the transport: the channel is checked against the contract's list, the
// request validated, the handler run, and every outcome returned as an ApiResult.
import { isChannel, type Channel, type Handlers } from '../../shared/ipc-contract';
import type { ApiResult } from '../../shared/contract/result';
import { toApiError } from './api-failure';
import type { Logger } from './logger';
import { validateRequest } from './request-validators';

export async function dispatchCall(
  handlers: Handlers,
  channel: unknown,
  request: unknown,
  logger: Logger,
): Promise<ApiResult<unknown>> {
  if (!isChannel(channel)) {
    return {
      ok: false,
      error: {
        code: 'invalid-request',
        message: `Unknown channel "${String(channel).slice(0, 60)}".`,
      },
    };
  }
  const started = performance.now();
  try {
    const valid = validateRequest(channel, request);
    const handler = handlers[channel] as (r: unknown) => unknown;
    const value = await handler(valid);
    const ms = performance.now() - started;
    if (ms > 500) logger.info('slow call', { channel, ms: Math.round(ms) });
    return { ok: true, value };
  } catch (err) {
    return { ok: false, error: toApiError(err, channel as Channel, logger) };
  }
}
