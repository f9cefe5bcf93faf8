// Child process of the kill-and-resume test: imports one file with small flushes so that a
// SIGKILL lands between (or inside) flush transactions. Usage: tsx kill-resume-child.ts DB FILE N
import { openCache } from '../cache/open-cache';
import { importFiles } from './import-files';

const [dbPath, file, flush] = process.argv.slice(2);
const db = openCache(dbPath!);
const summary = await importFiles(db, [file!], { flushEvents: Number(flush) });
db.close();
process.stdout.write(`${JSON.stringify(summary)}\n`);
