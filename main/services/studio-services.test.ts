import { afterEach, describe, expect, it } from 'vitest';
import type { LogFields, Logger } from './logger';
import { dispatchCall } from './dispatch-call';
import { createStudioServices, type StudioServices } from './studio-services';
import {
  makeTempWorkspace,
  SEED_FINISHED_AT,
  SEED_NEWEST_TS,
  type TempWorkspace,
} from './test-workspace';

const open: Array<{ ws: TempWorkspace; services: StudioServices }> = [];
afterEach(async () => {
  for (const { ws, services } of open.splice(0)) {
    await services.close();
    ws.remove();
  }
});

function recordingLogger(): Logger & { lines: Array<[string, string, LogFields | undefined]> } {
  const lines: Array<[string, string, LogFields | undefined]> = [];
  return {
    lines,
    info: (m, f) => lines.push(['info', m, f]),
    warn: (m, f) => lines.push(['warn', m, f]),
    error: (m, f) => lines.push(['error', m, f]),
  };
}

function start(seed: boolean, logger: Logger = recordingLogger()) {
  const ws = makeTempWorkspace(seed);
  const services = createStudioServices({ dbPath: ws.dbPath, now: () => SEED_FINISHED_AT, logger });
  open.push({ ws, services });
  return { ws, services };
}

describe('studio services over a real cache', () => {
  it('describes an empty workspace', async () => {
    const { ws, services } = start(false);
    const info = await services.handlers['workspace-info']({});
    expect(info).toMatchObject({
      path: ws.dbPath,
      name: 'workspace',
      population: 0,
      events: 0,
      lastImportAt: null,
      newestEventAt: null,
      lookbackDays: 30,
    });
  });

  it('describes a seeded workspace and its catalog', async () => {
    const { services } = start(true);
    const info = await services.handlers['workspace-info']({});
    expect(info.population).toBe(3);
    expect(info.events).toBe(3);
    expect(info.newestEventAt).toBe(new Date(SEED_NEWEST_TS).toISOString());
    expect(info.lastImportAt).toBe(new Date(SEED_FINISHED_AT).toISOString());
    expect(info.dataVersion).toBe(1);

    const catalog = await services.handlers['catalog-get']({});
    expect(catalog.events).toHaveLength(1);
    const purchase = catalog.events[0]!;
    expect(purchase).toMatchObject({ name: 'purchase', count: 3, profiles: 2 });
    const amount = purchase.properties.find((p) => p.name === 'amount')!;
    expect(amount.type).toBe('mixed'); // 10 and "7"
    const sku = purchase.properties.find((p) => p.name === 'sku')!;
    expect(sku).toEqual({
      name: 'sku',
      type: 'string',
      topValues: [
        { value: 'A', count: 2 },
        { value: 'B', count: 1 },
      ],
    });
    const plan = catalog.attributes.find((a) => a.name === 'plan')!;
    expect(plan).toEqual({
      name: 'plan',
      type: 'string',
      profiles: 3,
      topValues: [
        { value: 'pro', count: 2 },
        { value: 'free', count: 1 },
      ],
    });
    // The tombstone of profile 2 is not a value.
    expect(catalog.attributes.find((a) => a.name === 'age')).toMatchObject({
      type: 'number',
      profiles: 1,
    });
    expect(catalog.identities).toEqual([{ type: 'email', profiles: 1 }]);
  });
});

describe('dispatchCall', () => {
  it('answers a valid call with its value', async () => {
    const { services } = start(true);
    const result = await dispatchCall(services.handlers, 'workspace-info', {}, recordingLogger());
    expect(result.ok && (result.value as { population: number }).population).toBe(3);
  });

  it('refuses unknown channels and malformed requests with invalid-request', async () => {
    const { services } = start(false);
    const logger = recordingLogger();
    const unknown = await dispatchCall(services.handlers, 'eval', {}, logger);
    expect(unknown).toEqual({
      ok: false,
      error: { code: 'invalid-request', message: 'Unknown channel "eval".' },
    });
    const proto = await dispatchCall(services.handlers, '__proto__', {}, logger);
    expect(proto.ok).toBe(false);
    const extra = await dispatchCall(services.handlers, 'workspace-info', { x: 1 }, logger);
    expect(extra).toEqual({
      ok: false,
      error: { code: 'invalid-request', message: 'workspace-info: unknown field "x"' },
    });
    const page = await dispatchCall(
      services.handlers,
      'audience-members',
      { definition: {}, offset: 0, limit: 5000 },
      logger,
    );
    expect(page.ok === false && page.error.message).toBe(
      'audience-members: "limit" must be a whole number from 1 to 1000',
    );
  });

  it('logs an unexpected failure with its stack but answers only a plain sentence', async () => {
    const { services } = start(false);
    const logger = recordingLogger();
    const handlers = {
      ...services.handlers,
      'workspace-info': () => {
        throw new Error('SQLITE_CORRUPT at /secret/path');
      },
    };
    const result = await dispatchCall(handlers, 'workspace-info', {}, logger);
    expect(result).toEqual({
      ok: false,
      error: { code: 'internal', message: 'Audience Studio could not complete workspace-info.' },
    });
    expect(JSON.stringify(logger.lines)).toContain('SQLITE_CORRUPT');
  });
});
