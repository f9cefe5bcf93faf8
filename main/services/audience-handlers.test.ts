import { afterEach, describe, expect, it } from 'vitest';
import type { AudienceDefinition } from '../../shared/audience/audience-types';
import { silentLogger } from './logger';
import { dispatchCall } from './dispatch-call';
import { createStudioServices, type StudioServices } from './studio-services';
import { makeTempWorkspace, SEED_NEWEST_TS, type TempWorkspace } from './test-workspace';

const open: Array<{ ws: TempWorkspace; services: StudioServices }> = [];
afterEach(async () => {
  for (const { ws, services } of open.splice(0)) {
    await services.close();
    ws.remove();
  }
});

const NOW = SEED_NEWEST_TS + 60_000;

function start() {
  const ws = makeTempWorkspace(true);
  const services = createStudioServices({
    dbPath: ws.dbPath,
    now: () => NOW,
    logger: silentLogger,
  });
  open.push({ ws, services });
  return services;
}

const proBuyers: AudienceDefinition = {
  format: 'audience/v1',
  id: 'pro-buyers',
  name: 'Pro buyers',
  kind: 'standard',
  root: {
    type: 'group',
    id: 'root',
    match: 'all',
    children: [
      { type: 'attribute', id: 'plan', attribute: 'plan', op: '=', value: 'pro' },
      { type: 'event', id: 'bought', event: 'purchase', window: 'all' },
    ],
  },
};

const notProBuyers: AudienceDefinition = {
  format: 'audience/v1',
  id: 'not-pro-buyers',
  name: 'Not pro buyers',
  kind: 'standard',
  root: {
    type: 'group',
    id: 'root',
    match: 'all',
    children: [{ type: 'audience', id: 'ref', audience: 'pro-buyers', member: false }],
  },
};

async function call(services: StudioServices, channel: string, request: unknown) {
  return dispatchCall(services.handlers, channel, request, silentLogger);
}

describe('audience channels', () => {
  it('previews, lists members and explains over the real engine', async () => {
    const services = start();
    const preview = await call(services, 'audience-preview', { definition: proBuyers });
    expect(preview).toMatchObject({
      ok: true,
      value: {
        audience: 'pro-buyers',
        asOf: new Date(NOW).toISOString(),
        size: 1,
        population: 3,
        nodes: { root: 1, plan: 2, bought: 2 },
      },
    });
    const members = await call(services, 'audience-members', {
      definition: proBuyers,
      offset: 0,
      limit: 10,
    });
    expect(members).toEqual({
      ok: true,
      value: {
        total: 1,
        members: [
          {
            profile: '1',
            identities: { email: ['a@example.com'] },
            attributes: { age: 31, plan: 'pro' },
          },
        ],
      },
    });
    const page2 = await call(services, 'audience-members', {
      definition: proBuyers,
      offset: 1,
      limit: 10,
    });
    expect(page2).toEqual({ ok: true, value: { total: 1, members: [] } });
    const explain = await call(services, 'audience-explain', {
      definition: proBuyers,
      profile: '2',
    });
    expect(explain).toMatchObject({ ok: true, value: { id: 'root', value: false } });
  });

  it('saves, lists, reads, refuses a used delete, and deletes', async () => {
    const services = start();
    const changes: number[] = [];
    services.events.subscribe((name, payload) => {
      if (name === 'data-changed') changes.push((payload as { dataVersion: number }).dataVersion);
    });
    expect(await call(services, 'audience-save', { definition: proBuyers })).toEqual({
      ok: true,
      value: { updatedAt: new Date(NOW).toISOString() },
    });
    expect(await call(services, 'audience-save', { definition: notProBuyers })).toMatchObject({
      ok: true,
    });
    expect(changes).toEqual([1, 1]);
    // A preview of the saved definition records its size for the list.
    await call(services, 'audience-preview', { definition: proBuyers });
    const list = await call(services, 'audiences-list', {});
    expect(list).toMatchObject({
      ok: true,
      value: [
        { id: 'not-pro-buyers', size: null },
        { id: 'pro-buyers', name: 'Pro buyers', kind: 'standard', size: 1 },
      ],
    });
    expect(await call(services, 'audience-get', { id: 'pro-buyers' })).toMatchObject({
      ok: true,
      value: { definition: proBuyers },
    });
    const refused = await call(services, 'audience-delete', { id: 'pro-buyers' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(refused.ok === false && refused.error.message).toContain('not-pro-buyers');
    expect(await call(services, 'audience-delete', { id: 'not-pro-buyers' })).toEqual({
      ok: true,
      value: { deleted: true },
    });
    expect(await call(services, 'audience-get', { id: 'not-pro-buyers' })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
  });

  it('answers invalid definitions with invalid-audience and every problem', async () => {
    const services = start();
    const broken = { ...proBuyers, kind: 'sometimes' };
    const preview = await call(services, 'audience-preview', { definition: broken });
    expect(preview).toMatchObject({ ok: false, error: { code: 'invalid-audience' } });
    expect(preview.ok === false && preview.error.problems?.map((p) => p.path)).toContain('kind');
    const save = await call(services, 'audience-save', { definition: broken });
    expect(save).toMatchObject({ ok: false, error: { code: 'invalid-audience' } });
    const validate = await call(services, 'audience-validate', { definition: 42 });
    expect(
      validate.ok && (validate.value as { problems: unknown[] }).problems.length,
    ).toBeGreaterThan(0);
    const fine = await call(services, 'audience-validate', { definition: proBuyers });
    expect(fine).toEqual({ ok: true, value: { problems: [] } });
  });

  it('cancels an older preview superseded by a newer one with the same requestId', async () => {
    const services = start();
    const first = call(services, 'audience-preview', {
      definition: proBuyers,
      requestId: 'editor',
    });
    const second = call(services, 'audience-preview', {
      definition: proBuyers,
      requestId: 'editor',
    });
    expect(await first).toEqual({
      ok: false,
      error: { code: 'cancelled', message: 'superseded by a newer preview' },
    });
    expect(await second).toMatchObject({ ok: true, value: { size: 1 } });
  });

  it('reaches the publish channels through the same dispatch', async () => {
    const services = start();
    expect(await call(services, 'connections-list', {})).toEqual({ ok: true, value: [] });
    expect(await call(services, 'connection-test', { name: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
  });
});
