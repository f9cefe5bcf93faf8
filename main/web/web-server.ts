// Browser mode: the renderer and the same StudioApi over HTTP on 127.0.0.1. POST /api/<channel>
// carries one call (JSON in, ApiResult out), GET /api/events streams main's events (SSE). Every
// /api request needs the per-run token; Host and Origin are checked against DNS rebinding and
// cross-site pages.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApiResult } from '../../shared/contract/result';
import { dispatchCall } from '../services/dispatch-call';
import type { Logger } from '../services/logger';
import type { StudioServices } from '../services/studio-services';
import { readStaticFile } from './static-files';
import { CONTENT_SECURITY_POLICY } from './content-security-policy';
import {
  hasToken,
  isAllowedHost,
  isAllowedOrigin,
  isCrossSiteFetch,
  newToken,
} from './web-security';

export const MAX_REQUEST_BYTES = 4 * 1024 * 1024;
const HEARTBEAT_MS = 15_000;

export interface WebServerOptions {
  services: Pick<StudioServices, 'handlers' | 'events'>;
  logger: Logger;
  /** The built renderer (dist/renderer). */
  staticDir: string;
  /** 0 picks a free port. */
  port: number;
  /** Tests pass their own; otherwise a fresh random one per run. */
  token?: string;
}

export interface RunningWebServer {
  port: number;
  token: string;
  /** The address to open, token in the fragment. */
  url: string;
  close(): Promise<void>;
}

const BASE_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

function sendJson(res: ServerResponse, status: number, body: ApiResult<unknown>): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...BASE_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  });
  res.end(text);
}

function refuse(res: ServerResponse, status: number, message: string): void {
  sendJson(res, status, {
    ok: false,
    error: { code: status === 413 || status === 400 ? 'invalid-request' : 'unavailable', message },
  });
}

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_REQUEST_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export function startWebServer(options: WebServerOptions): Promise<RunningWebServer> {
  const { services, logger, staticDir } = options;
  const token = options.token ?? newToken();
  const streams = new Set<ServerResponse>();
  let port = 0;

  const handleApi = async (req: IncomingMessage, res: ServerResponse, route: string) => {
    if (
      !isAllowedOrigin(req.headers.origin, port) ||
      isCrossSiteFetch(req.headers['sec-fetch-site'] as string | undefined)
    ) {
      return refuse(res, 403, 'Requests from other sites are refused.');
    }
    if (!hasToken(req.headers.authorization, token)) {
      return refuse(res, 401, 'A valid access token is required.');
    }
    if (route === 'events') {
      if (req.method !== 'GET') return refuse(res, 405, 'Use GET for /api/events.');
      return openEventStream(req, res);
    }
    if (req.method !== 'POST') return refuse(res, 405, 'Use POST for API calls.');
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
      return refuse(res, 415, 'API calls must be JSON (Content-Type: application/json).');
    }
    const body = await readBody(req);
    if (body === null) return refuse(res, 413, 'The request is too large.');
    let request: unknown;
    try {
      request = body.length === 0 ? {} : JSON.parse(body);
    } catch {
      return refuse(res, 400, 'The request body is not valid JSON.');
    }
    sendJson(res, 200, await dispatchCall(services.handlers, route, request, logger));
  };

  const openEventStream = (req: IncomingMessage, res: ServerResponse) => {
    res.writeHead(200, {
      ...BASE_HEADERS,
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    res.write(': connected\n\n');
    streams.add(res);
    const unsubscribe = services.events.subscribe((name, payload) => {
      res.write(`event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`);
    });
    const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), HEARTBEAT_MS);
    heartbeat.unref();
    const stop = () => {
      clearInterval(heartbeat);
      unsubscribe();
      streams.delete(res);
    };
    req.on('close', stop);
    res.on('close', stop);
  };

  const handleStatic = async (req: IncomingMessage, res: ServerResponse, pathname: string) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, BASE_HEADERS).end();
      return;
    }
    const file = await readStaticFile(staticDir, pathname);
    if (!file) {
      res.writeHead(404, { ...BASE_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Not found');
      return;
    }
    res.writeHead(200, {
      ...BASE_HEADERS,
      'Content-Type': file.contentType,
      'Content-Length': file.body.length,
      'Cache-Control': file.isHtml ? 'no-store' : 'no-cache',
      ...(file.isHtml
        ? { 'Content-Security-Policy': CONTENT_SECURITY_POLICY, 'X-Frame-Options': 'DENY' }
        : {}),
    });
    res.end(req.method === 'HEAD' ? undefined : file.body);
  };

  const server = createServer((req, res) => {
    // Checked before anything else, static files included: a rebinding page must get nothing.
    if (!isAllowedHost(req.headers.host, port)) {
      refuse(res, 403, 'Unknown host.');
      return;
    }
    const pathname = new URL(req.url ?? '/', `http://127.0.0.1:${port}`).pathname;
    const work = pathname.startsWith('/api/')
      ? handleApi(req, res, pathname.slice('/api/'.length))
      : handleStatic(req, res, pathname);
    work.catch((err: unknown) => {
      logger.error('web request failed', { path: pathname, error: String(err) });
      if (!res.headersSent) refuse(res, 500, 'The request failed.');
      else res.end();
    });
  });
  server.keepAliveTimeout = 5_000;

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      server.off('error', reject);
      port = (server.address() as AddressInfo).port;
      logger.info('web bridge listening', { port });
      resolve({
        port,
        token,
        url: `http://127.0.0.1:${port}/#token=${token}`,
        close: () =>
          new Promise<void>((done) => {
            for (const stream of streams) stream.end();
            streams.clear();
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
