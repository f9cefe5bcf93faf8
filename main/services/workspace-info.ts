// workspace-info straight from the cache tables: cheap aggregate queries, no engine needed.
import path from 'node:path';
import type { CacheDb } from '../cache/open-cache';
import { getDataVersion, getLookbackDays, getSetting } from '../cache/settings';
import { stmt } from '../cache/statement-cache';
import type { WorkspaceInfo } from '../../shared/contract/workspace-channels';

function iso(ms: number | null | undefined): string | null {
  return ms === null || ms === undefined ? null : new Date(ms).toISOString();
}

export function readWorkspaceInfo(db: CacheDb, dbPath: string): WorkspaceInfo {
  const population = stmt<[], { n: number }>(db, 'SELECT count(*) AS n FROM profiles').get()!.n;
  const events = stmt<[], { n: number; newest: number | null }>(
    db,
    'SELECT coalesce(sum(event_count), 0) AS n, max(max_ts) AS newest FROM event_chunks',
  ).get()!;
  const lastImport = stmt<[], { at: number | null }>(
    db,
    "SELECT max(finished_at) AS at FROM imports WHERE status IN ('done', 'partial')",
  ).get()!;
  return {
    path: path.resolve(dbPath),
    // The demo names itself; a user's workspace is called after its file.
    name: getSetting(db, 'workspace_name') ?? path.parse(dbPath).name,
    population,
    events: events.n,
    lastImportAt: iso(lastImport.at),
    newestEventAt: iso(events.newest),
    dataVersion: getDataVersion(db),
    lookbackDays: getLookbackDays(db),
  };
}
