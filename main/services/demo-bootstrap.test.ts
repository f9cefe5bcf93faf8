import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { JobProgress } from '../../shared/ipc-contract';
import { existsSync, readdirSync } from 'node:fs';
import { createDemoWithProgress, workspaceNeedsDemo } from './demo-bootstrap';
import { silentLogger } from './logger';
import { createStudioServices, type StudioServices } from './studio-services';

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

function openEmpty(): { dbPath: string; services: StudioServices } {
  const dir = mkdtempSync(path.join(tmpdir(), 'as-demo-boot-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  const dbPath = path.join(dir, 'workspace.sqlite');
  const services = createStudioServices({ dbPath, now: Date.now, logger: silentLogger });
  cleanup.push(() => services.close());
  return { dbPath, services };
}

describe('createDemoWithProgress', () => {
  it('fills an empty workspace the open services then see, reporting progress', async () => {
    const { dbPath, services } = openEmpty();
    const events: Array<[string, unknown]> = [];
    services.events.subscribe((name, payload) => events.push([name, payload]));
    await createDemoWithProgress({ dbPath, services, logger: silentLogger, users: 300 });
    const progress = events.filter(([n]) => n === 'progress').map(([, p]) => p as JobProgress);
    expect(progress[0]).toMatchObject({ job: 'demo-workspace', fraction: 0, done: false });
    expect(progress.at(-1)).toMatchObject({ job: 'demo-workspace', fraction: 1, done: true });
    expect(progress.at(-1)!.message).toMatch(/^Demo workspace ready: [\d,]+ profiles$/);
    expect(events.at(-1)![0]).toBe('data-changed');
    const info = await services.handlers['workspace-info']({});
    expect(info.population).toBeGreaterThan(0);
    expect(info.name).toBe('Demo workspace');
    const catalog = await services.handlers['catalog-get']({});
    expect(catalog.events.length).toBeGreaterThan(0);
  });

  it('reports a failure as a finished job with a sentence, and rethrows', async () => {
    const { dbPath, services } = openEmpty();
    await createDemoWithProgress({ dbPath, services, logger: silentLogger, users: 50 });
    const events: JobProgress[] = [];
    services.events.subscribe((name, p) => name === 'progress' && events.push(p as JobProgress));
    // A workspace with profiles is never mixed with demo people.
    await expect(
      createDemoWithProgress({ dbPath, services, logger: silentLogger, users: 50 }),
    ).rejects.toThrow(/already holds/);
    expect(events.at(-1)).toMatchObject({ done: true, fraction: null });
    expect(events.at(-1)!.message).toMatch(
      /^The demo workspace could not be created: .*already holds/,
    );
  });

  it('redoes a creation cut short, and never deletes a workspace with data', async () => {
    const { dbPath, services } = openEmpty();
    const controller = new AbortController();
    // Stopped mid-way: after the worker has reported progress of its own.
    let reports = 0;
    services.events.subscribe(
      (name) => name === 'progress' && ++reports === 2 && controller.abort(),
    );
    await expect(
      createDemoWithProgress({
        dbPath,
        services,
        logger: silentLogger,
        users: 2000,
        signal: controller.signal,
      }),
    ).rejects.toMatchObject({ code: 'cancelled' });
    // The stopped worker's generated files are gone too.
    expect(
      readdirSync(tmpdir()).filter((f) => f.startsWith('audience-studio-first-start-')),
    ).toEqual([]);
    await services.close();
    expect(workspaceNeedsDemo(dbPath)).toBe(true);
    expect(existsSync(dbPath)).toBe(false);

    const again = createStudioServices({ dbPath, now: Date.now, logger: silentLogger });
    cleanup.push(() => again.close());
    await createDemoWithProgress({ dbPath, services: again, logger: silentLogger, users: 50 });
    expect(workspaceNeedsDemo(dbPath)).toBe(false);
    expect(existsSync(dbPath)).toBe(true);
    expect(workspaceNeedsDemo(`${dbPath}.missing`)).toBe(true);
  });
});
