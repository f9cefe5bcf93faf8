import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// The shared machinery of the partner stand-ins: a node:http server on 127.0.0.1 that parses each
// request, hands it to the partner's handler, and can be scripted to misbehave (throttle, fail, stall,
// cut the connection) so tests exercise every documented failure.

export interface StandInRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  text: string;
  json: unknown;
}

export interface StandInReply {
  status: number;
  json?: unknown;
  headers?: Record<string, string>;
}

export type Fault =
  /** Handle the request normally (lets a script target a later request). */
  | { kind: 'pass' }
  /** Answer with this instead of handling the request (nothing applied). */
  | { kind: 'reply'; status: number; json?: unknown; headers?: Record<string, string> }
  /** Handle the request, then wait this long before answering (the client may give up first). */
  | { kind: 'slow'; ms: number }
  /** Destroy the socket before handling (nothing applied). */
  | { kind: 'drop' }
  /** Handle the request, then destroy the socket: applied but never acknowledged. */
  | { kind: 'drop-after-apply' };

export interface ScriptedFault {
  fault: Fault;
  /** Only requests whose "METHOD path" matches; any request when absent. */
  match?: RegExp;
}

export interface StandIn {
  url: string;
  port: number;
  /** Every request received, in order (after auth, before faults). */
  log: StandInRequest[];
  /** Queues faults, each consumed by the next matching request. */
  script(...faults: ScriptedFault[]): void;
  /** Delay before every answer (a slow partner). */
  setDelay(ms: number): void;
  close(): Promise<void>;
}

export type Handler = (req: StandInRequest) => StandInReply | Promise<StandInReply>;

function send(res: ServerResponse, reply: StandInReply): void {
  const body = reply.json === undefined ? '' : JSON.stringify(reply.json);
  res.writeHead(reply.status, {
    ...(body ? { 'content-type': 'application/json' } : {}),
    ...reply.headers,
  });
  res.end(body);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function parseJson(text: string, contentType: string | undefined): unknown {
  if (!text) return undefined;
  if (contentType?.includes('application/x-www-form-urlencoded')) {
    const form = new URLSearchParams(text);
    const out: Record<string, unknown> = {};
    for (const [k, v] of form) {
      try {
        out[k] = JSON.parse(v);
      } catch {
        out[k] = v;
      }
    }
    return out;
  }
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startStandIn(handler: Handler, port = 0): Promise<StandIn> {
  const faults: ScriptedFault[] = [];
  const log: StandInRequest[] = [];
  let delay = 0;
  const sockets = new Set<import('node:net').Socket>();
  const server: Server = createServer((req, res) => {
    void (async () => {
      const text = await readBody(req);
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const parsed: StandInRequest = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        text,
        json: parseJson(text, req.headers['content-type']),
      };
      log.push(parsed);
      const key = `${parsed.method} ${parsed.path}`;
      const i = faults.findIndex((f) => !f.match || f.match.test(key));
      const fault = i >= 0 ? faults.splice(i, 1)[0]!.fault : undefined;
      if (fault?.kind === 'drop') return req.socket.destroy();
      if (fault?.kind === 'reply') return send(res, fault);
      let reply: StandInReply;
      try {
        reply = await handler(parsed);
      } catch (e) {
        reply = { status: 500, json: { message: `stand-in bug: ${(e as Error).message}` } };
      }
      if (fault?.kind === 'drop-after-apply') return req.socket.destroy();
      if (fault?.kind === 'slow') await sleep(fault.ms);
      if (delay > 0) await sleep(delay);
      if (!res.destroyed) send(res, reply);
    })();
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const bound = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${bound}`,
    port: bound,
    log,
    script: (...f) => faults.push(...f),
    setDelay: (ms) => {
      delay = ms;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
