// Serves the built renderer (dist/renderer) read-only. Paths are resolved inside the root and
// anything that would leave it is refused; unknown paths without an extension get index.html.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

export interface StaticFile {
  body: Buffer;
  contentType: string;
  isHtml: boolean;
}

/** Maps a URL path to a file under root, or null when it would escape root. */
export function resolveStaticPath(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const relative = path.posix.normalize(decoded.replace(/\\/g, '/')).replace(/^\/+/, '');
  if (relative.startsWith('..')) return null;
  const full = path.resolve(root, relative || 'index.html');
  const rootResolved = path.resolve(root);
  if (full !== rootResolved && !full.startsWith(rootResolved + path.sep)) return null;
  return full;
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

export async function readStaticFile(root: string, urlPath: string): Promise<StaticFile | null> {
  let file = resolveStaticPath(root, urlPath);
  if (!file) return null;
  if (!(await isFile(file))) {
    // Client-side routes ("/audiences/x") load the app; a missing asset ("/x.js") is a 404.
    if (path.extname(file) !== '') return null;
    file = path.join(root, 'index.html');
    if (!(await isFile(file))) return null;
  }
  const ext = path.extname(file).toLowerCase();
  return {
    body: await readFile(file),
    contentType: CONTENT_TYPES[ext] ?? 'application/octet-stream',
    isHtml: ext === '.html',
  };
}
