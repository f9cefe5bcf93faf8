// The latest progress of a long job in main (the first-start demo workspace, an import), for a
// progress bar or banner. null when no job has reported since the page loaded; a finished job's
// last report stays (done: true) so its outcome can be shown, until the next job reports.
import { useEffect, useState } from 'react';
import type { JobProgress } from '../../../shared/ipc-contract';
import { onStudioEvent } from './studio-api';

export function useJobProgress(): JobProgress | null {
  const [progress, setProgress] = useState<JobProgress | null>(null);
  useEffect(() => onStudioEvent('progress', setProgress), []);
  return progress;
}

export type { JobProgress };
