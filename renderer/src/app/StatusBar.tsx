// The workspace, how fresh its data is, and the population every count is relative to.
import { useState } from 'react';
import type { WorkspaceInfo } from '../../../shared/contract/workspace-channels';
import type { Theme } from './theme';

function ago(iso: string | null, now: number): string {
  if (!iso) return 'never';
  const ms = now - Date.parse(iso);
  const h = ms / 3_600_000;
  if (h < 1) return `${Math.max(1, Math.round(ms / 60_000))} min ago`;
  if (h < 48) return `${Math.round(h)} h ago`;
  return `${Math.round(h / 24)} days ago`;
}

export function StatusBar({
  info,
  preparing = false,
  theme,
  onTheme,
}: {
  info: WorkspaceInfo | null;
  /** The demo workspace is being made: its population is not known yet (not 0). */
  preparing?: boolean;
  theme: Theme;
  onTheme: (t: Theme) => void;
}) {
  // The mount time is good enough for "3 h ago".
  const [now] = useState(Date.now);
  return (
    <footer className="statusbar" data-testid="status-bar">
      {info ? (
        <>
          <span title={info.path}>
            Workspace <strong>{info.name}</strong>
          </span>
          <span title={info.newestEventAt ?? 'No events'}>
            Data up to{' '}
            {info.newestEventAt
              ? new Date(info.newestEventAt).toISOString().slice(0, 16).replace('T', ' ') + ' UTC'
              : '—'}
          </span>
          <span title={info.lastImportAt ?? ''}>Last import {ago(info.lastImportAt, now)}</span>
          <span data-testid="population">
            {preparing ? (
              <>Population: counted once the demo workspace is ready</>
            ) : (
              <>
                Population <strong>{info.population.toLocaleString('en-US')}</strong> users
              </>
            )}
          </span>
        </>
      ) : (
        <span>Connecting to the workspace…</span>
      )}
      <span className="statusbar-spacer" />
      <label className="theme-pick">
        Theme{' '}
        <select
          className="input select small"
          value={theme}
          onChange={(e) => onTheme(e.target.value as Theme)}
          aria-label="Theme"
        >
          <option value="system">System</option>
          <option value="light">Light</option>
          <option value="dark">Dark</option>
        </select>
      </label>
    </footer>
  );
}
