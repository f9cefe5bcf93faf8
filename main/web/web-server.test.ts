import { request as httpRequest } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../services/logger';
import { createStudioServices, type StudioServices } from '../services/studio-services';
import { makeTempWorkspace, type TempWorkspace } from '../services/test-workspace';
import { startWebServer, type RunningWebServer } from './web-server';

interface Setup {
  ws: TempWorkspace;
  services: StudioServices;
  server: RunningWebServer;
  base: string;
}
const running: Setup[] = [];
afterEach(async () => {
  for (const s of running.splice(0)) {
    await s.server.close();
    await s.services.close();
    s.ws.remove();
  }
});

async function setup(): Promise<Setup> {
  const ws = makeTempWorkspace(true);
  const staticDir = path.join(ws.dir, 'renderer');
  mkdirSync(path.join(staticDir, 'assets'), { recursive: true });
  writeFileSync(
    path.join(staticDir, 'index.html'),
    '<!doctype html><title>Audience Studio</title>',
  );
  writeFileSync(path.join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(path.join(ws.dir, 'secret.txt'), 'secret');
  const services = createStudioServices({ dbPath: ws.dbPath, now: Date.now, logger: silentLogger });
  const server = await startWebServer({ services, logger: silentLogger, staticDir, port: 0 });
  const s = { ws, services, server, base: `http://127.0.0.1:${server.port}` };
  running.push(s);
  return s;
}

function call(s: Setup, channel: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${s.base}/api/${channel}`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Authorization: `Bearer ${s.server.token}`,
      ...headers,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** A raw request, for headers fetch will not let us forge (Host). */
function raw(port: number, pathName: string, headers: Record<string, string>) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, path: pathName, method: 'GET', headers },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('web bridge over real HTTP', () => {
  it('prints a loopback URL with a long random token in the fragment', async () => {
    const s = await setup();
    expect(s.server.url).toBe(`http://127.0.0.1:${s.server.port}/#token=${s.server.token}`);
    expect(s.server.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('answers calls that carry the token', async () => {
    const s = await setup();
    const res = await call(s, 'workspace-info', {});
    expect(res.status).toBe(200);
    const body = (await res.json()) as { ok: boolean; value: { population: number } };
    expect(body.ok).toBe(true);
    expect(body.value.population).toBe(3);
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('refuses calls without the token, or with a wrong one (401)', async () => {
    const s = await setup();
    const none = await fetch(`${s.base}/api/workspace-info`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(none.status).toBe(401);
    const wrong = await call(s, 'workspace-info', {}, { Authorization: 'Bearer nope' });
    expect(wrong.status).toBe(401);
    const events = await fetch(`${s.base}/api/events`);
    expect(events.status).toBe(401);
  });

  it('refuses other origins and other hosts (403), token or not', async () => {
    const s = await setup();
    const origin = await call(s, 'workspace-info', {}, { Origin: 'http://evil.example' });
    expect(origin.status).toBe(403);
    const crossSite = await call(s, 'workspace-info', {}, { 'Sec-Fetch-Site': 'cross-site' });
    expect(crossSite.status).toBe(403);
    const rebound = await raw(s.server.port, '/api/events', {
      Host: `evil.example:${s.server.port}`,
      Authorization: `Bearer ${s.server.token}`,
    });
    expect(rebound.status).toBe(403);
    const reboundPage = await raw(s.server.port, '/', { Host: 'evil.example' });
    expect(reboundPage.status).toBe(403);
    expect(reboundPage.body).not.toContain('Audience Studio');
    const localhost = await raw(s.server.port, '/', { Host: `localhost:${s.server.port}` });
    expect(localhost.status).toBe(200);
  });

  it('refuses malformed calls with typed errors', async () => {
    const s = await setup();
    const badJson = await call(s, 'workspace-info', '{oops');
    expect(badJson.status).toBe(400);
    expect(await badJson.json()).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    const unknown = await call(s, 'drop-tables', {});
    expect(await unknown.json()).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    const form = await call(s, 'workspace-info', {}, { 'Content-Type': 'text/plain' });
    expect(form.status).toBe(415);
    const get = await fetch(`${s.base}/api/workspace-info`, {
      headers: { Authorization: `Bearer ${s.server.token}` },
    });
    expect(get.status).toBe(405);
    const big = await call(s, 'audience-validate', { definition: 'x'.repeat(5 * 1024 * 1024) });
    expect(big.status).toBe(413);
  });

  it('streams events to a subscriber with the token', async () => {
    const s = await setup();
    const res = await fetch(`${s.base}/api/events`, {
      headers: { Authorization: `Bearer ${s.server.token}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = (await reader.read()).value ?? '';
    expect(text).toContain(': connected');
    s.services.events.emit('progress', {
      job: 'import',
      fraction: 0.5,
      message: 'Half way',
      done: false,
    });
    while (!text.includes('Half way')) text += (await reader.read()).value ?? '';
    expect(text).toContain(
      'event: progress\ndata: {"job":"import","fraction":0.5,"message":"Half way","done":false}\n\n',
    );
    await reader.cancel();
  });

  it('serves the renderer with a strict CSP and never a file outside it', async () => {
    const s = await setup();
    const page = await fetch(`${s.base}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('Audience Studio');
    const asset = await fetch(`${s.base}/assets/app.js`);
    expect(asset.headers.get('content-type')).toMatch(/^text\/javascript/);
    const route = await fetch(`${s.base}/audiences/churn`);
    expect(await route.text()).toContain('Audience Studio');
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt']) {
      const r = await raw(s.server.port, p, { Host: `127.0.0.1:${s.server.port}` });
      expect(r.body, p).not.toContain('secret');
    }
    expect((await fetch(`${s.base}/missing.js`)).status).toBe(404);
  });

  it('stops listening when closed, open event streams included', async () => {
    const s = await setup();
    const res = await fetch(`${s.base}/api/events`, {
      headers: { Authorization: `Bearer ${s.server.token}` },
    });
    const reader = res.body!.getReader();
    await reader.read();
    await s.server.close();
    expect((await reader.read()).done).toBe(true);
    await expect(fetch(`${s.base}/`)).rejects.toThrow();
  });
});
