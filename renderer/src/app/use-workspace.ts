// The workspace as the app shows it: its info, the data catalog and the saved audiences, refetched
// whenever main says the data changed.
import { useCallback, useEffect, useState } from 'react';
import type { AudienceSummary } from '../../../shared/contract/audience-channels';
import type { Catalog, WorkspaceInfo } from '../../../shared/contract/workspace-channels';
import { getStudioApi, onStudioEvent } from '../api/studio-api';

export interface Workspace {
  info: WorkspaceInfo | null;
  infoError: string | null;
  catalog: Catalog | null;
  catalogError: string | null;
  audiences: AudienceSummary[] | null;
  reload: () => void;
}

export function useWorkspace(): Workspace {
  const [info, setInfo] = useState<WorkspaceInfo | null>(null);
  const [infoError, setInfoError] = useState<string | null>(null);
  const [catalog, setCatalog] = useState<Catalog | null>(null);
  const [catalogError, setCatalogError] = useState<string | null>(null);
  const [audiences, setAudiences] = useState<AudienceSummary[] | null>(null);
  const [generation, setGeneration] = useState(0);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);

  useEffect(() => onStudioEvent('data-changed', () => setGeneration((g) => g + 1)), []);

  useEffect(() => {
    let live = true;
    const api = getStudioApi();
    void api['workspace-info']({}).then((r) => {
      if (!live) return;
      if (r.ok) {
        setInfo(r.value);
        setInfoError(null);
      } else setInfoError(r.error.message);
    });
    void api['catalog-get']({}).then((r) => {
      if (!live) return;
      if (r.ok) {
        setCatalog(r.value);
        setCatalogError(null);
      } else setCatalogError(r.error.message);
    });
    void api['audiences-list']({}).then((r) => {
      if (live && r.ok) setAudiences(r.value);
    });
    return () => {
      live = false;
    };
  }, [generation]);

  return { info, infoError, catalog, catalogError, audiences, reload };
}
