import { describe, expect, it } from 'vitest';
import { CHANNELS, type Channel } from '../../shared/ipc-contract';
import { isAppUrl } from './app-origin';
import { buildPreloadApi, type SubscribeFn } from './preload-api';

function harness() {
  const calls: Array<[Channel, unknown]> = [];
  const listeners = new Set<(name: string, payload: unknown) => void>();
  const subscribe: SubscribeFn = (listener) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  };
  const api = buildPreloadApi(async (channel, request) => {
    calls.push([channel, request]);
    return { ok: true, value: channel };
  }, subscribe);
  const emit = (name: string, payload: unknown) => listeners.forEach((l) => l(name, payload));
  return { api, calls, emit, listeners };
}

describe('buildPreloadApi', () => {
  it('exposes exactly one function per channel, plus onEvent', () => {
    const { api } = harness();
    expect(Object.keys(api).sort()).toEqual([...CHANNELS, 'onEvent'].sort());
    for (const key of Object.keys(api))
      expect(typeof (api as Record<string, unknown>)[key]).toBe('function');
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('sends each call on its own channel with its request', async () => {
    const { api, calls } = harness();
    for (const channel of CHANNELS) {
      const fn = api[channel] as (r: unknown) => Promise<unknown>;
      expect(await fn({ probe: channel })).toEqual({ ok: true, value: channel });
    }
    expect(calls.map(([c]) => c)).toEqual([...CHANNELS]);
    expect(calls.every(([c, r]) => (r as { probe: string }).probe === c)).toBe(true);
  });

  it('delivers only the subscribed event, until unsubscribed', () => {
    const { api, emit, listeners } = harness();
    const got: unknown[] = [];
    const off = api.onEvent('progress', (p) => got.push(p));
    emit('data-changed', { dataVersion: 2 });
    emit('progress', { job: 'import', fraction: 1, message: 'done', done: true });
    expect(got).toEqual([{ job: 'import', fraction: 1, message: 'done', done: true }]);
    off();
    expect(listeners.size).toBe(0);
    expect(() => api.onEvent('nope' as 'progress', () => {})).toThrow('Unknown event "nope".');
  });
});

describe('isAppUrl', () => {
  it('accepts only our own app origin', () => {
    expect(isAppUrl('app://studio/index.html')).toBe(true);
    expect(isAppUrl('app://studio/')).toBe(true);
    for (const url of [
      undefined,
      '',
      'file:///index.html',
      'http://studio/index.html',
      'app://evil/index.html',
      'app://studio.evil/index.html',
      'app://user@studio/',
      'https://127.0.0.1/',
      'devtools://devtools',
    ]) {
      expect(isAppUrl(url), String(url)).toBe(false);
    }
  });
});
