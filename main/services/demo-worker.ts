// Creates the demo workspace off the main thread: generating and importing 50,000 users takes tens
// of seconds of CPU, during which the shell must keep answering (the page shows the progress).
import { parentPort, workerData } from 'node:worker_threads';
import { createDemoWorkspace } from '../demo/create-demo-workspace';

export interface DemoWorkerData {
  dbPath: string;
  users?: number;
  /** Where the generated files go; the parent deletes it even when it stops the worker. */
  tempDir: string;
}

export type DemoWorkerMessage =
  | { type: 'progress'; progress: import('../demo/create-demo-workspace').DemoProgress }
  | { type: 'done'; profiles: number; users: number; events: number }
  | { type: 'error'; message: string };

const data = workerData as DemoWorkerData;
const post = (message: DemoWorkerMessage) => parentPort!.postMessage(message);

createDemoWorkspace(data.dbPath, {
  ...(data.users !== undefined ? { users: data.users } : {}),
  tempDir: data.tempDir,
  onProgress: (progress) => post({ type: 'progress', progress }),
}).then(
  (summary) =>
    post({
      type: 'done',
      profiles: summary.profiles,
      users: summary.users,
      events: summary.events,
    }),
  (err: unknown) =>
    post({ type: 'error', message: err instanceof Error ? err.message : String(err) }),
);
