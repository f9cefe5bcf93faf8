// Starting a worker thread from a module beside its caller: the .ts source in tests, the CLI and
// dev runs (loaded through tsx's module API, since loader flags are not inherited by worker
// threads), or the .cjs file that scripts/build-main.mjs writes beside the bundle.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker, type ResourceLimits } from 'node:worker_threads';

/** The worker module `name` (without extension) next to `base`, or undefined when neither exists. */
export function findWorker(base: string, name: string): URL | undefined {
  for (const file of [`./${name}.ts`, `./${name}.cjs`]) {
    try {
      const url = new URL(file, base);
      if (url.protocol === 'file:' && existsSync(fileURLToPath(url))) return url;
    } catch {
      // No usable base URL (code evaluated from a string): no worker there.
      return undefined;
    }
  }
  return undefined;
}

export function startWorker(url: URL, workerData: object, resourceLimits?: ResourceLimits): Worker {
  if (!url.pathname.endsWith('.ts'))
    return new Worker(url, { workerData, ...(resourceLimits ? { resourceLimits } : {}) });
  // Resolved here, where tsx is known to be found: an eval worker resolves from the working directory.
  const tsx = import.meta.resolve('tsx/esm/api');
  const bootstrap = `
    const { workerData } = require('node:worker_threads');
    import(workerData.tsx).then(({ tsImport }) => tsImport(workerData.entry, workerData.entry));`;
  return new Worker(bootstrap, {
    eval: true,
    workerData: { ...workerData, entry: url.href, tsx },
    ...(resourceLimits ? { resourceLimits } : {}),
  });
}
