// Worker thread of the importer: reads one batch file, parses and validates its records
// (batch-line.ts) and posts their outcomes in order, a read's worth at a time, while the main
// thread resolves identities and writes flushes. At most `maxInFlight` groups wait untaken, so
// memory stays bounded whatever the file size.
import { parentPort, workerData } from 'node:worker_threads';
import { batchTextOutcome } from './batch-line';
import { JsonArraySplitter, type SplitItem } from './json-array-splitter';
import type { ParseWorkerInit, ParseWorkerMessage } from './parse-worker-protocol';
import { ItemKind, WireWriter } from './record-wire';
import { readLineGroups, readTextChunks } from './text-chunks';

const init = workerData as ParseWorkerInit;
const port = parentPort!;
const writer = new WireWriter();
let inFlight = 0;
let wake: (() => void) | undefined;
let inBatch = false;

port.on('message', () => {
  inFlight--;
  wake?.();
});

function post(m: ParseWorkerMessage): void {
  if (m.type === 'group') port.postMessage(m, [m.group.nums.buffer as ArrayBuffer]);
  else port.postMessage(m);
}

async function send(bytesRead: number, always = false): Promise<void> {
  if (writer.items === 0 && !always) return;
  post({ type: 'group', group: writer.take(), bytesRead });
  inFlight++;
  while (inFlight >= init.maxInFlight) {
    await new Promise<void>((r) => (wake = r));
    wake = undefined;
  }
}

function batch(text: string, source: string): void {
  inBatch = true;
  const o = batchTextOutcome(text, source, init.now);
  inBatch = false;
  if ('badJson' in o) writer.rejectedItem(ItemKind.BadJson, o.badJson);
  else writer.batch(o);
}

async function lines(): Promise<number> {
  let bytes = 0;
  let g = 0;
  const share = init.share;
  for await (const group of readLineGroups(init.path, (n) => (bytes = n))) {
    // With several workers, each reads (and numbers) every line but parses only its own groups.
    if (share && g++ % share.of !== share.index) continue;
    for (const { text, line } of group) {
      if (text.trim() === '') continue;
      batch(text, `${init.path}:${line}`);
    }
    await send(bytes, share !== undefined);
  }
  return bytes;
}

async function jsonArray(): Promise<number> {
  const splitter = new JsonArraySplitter();
  let n = 0;
  let bytes = 0;
  const handle = (items: SplitItem[]) => {
    for (const item of items) {
      n++;
      const source = `${init.path}#${n}`;
      if ('error' in item)
        writer.rejectedItem(ItemKind.BadElement, { source, reason: item.error, record: null });
      else batch(item.text, source);
    }
  };
  for await (const piece of readTextChunks(init.path, (b) => (bytes = b))) {
    handle(splitter.push(piece));
    await send(bytes);
  }
  handle(splitter.end());
  return bytes;
}

// Not top-level await: the Electron build bundles this worker as CommonJS.
async function run(): Promise<void> {
  try {
    const bytes = init.kind === 'lines' ? await lines() : await jsonArray();
    await send(bytes);
    post({ type: 'done' });
  } catch (e) {
    // The records before the fault go first, as the in-thread path would have taken them.
    if (writer.items > 0) post({ type: 'group', group: writer.take(), bytesRead: -1 });
    post({ type: 'error', message: (e as Error).message, inBatch });
  }
}
void run();
