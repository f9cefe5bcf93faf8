// Starts a publish and follows it until it stops: main reports progress per acknowledged batch.
import { useEffect, useRef, useState } from 'react';
import type { AudienceDefinition } from '../../../shared/audience/audience-types';
import type { PublishJob } from '../../../shared/contract/publish-channels';
import { getStudioApi } from '../api/studio-api';

const POLL_MS = 250;

export function usePublishJob(onFinished: () => void) {
  const [job, setJob] = useState<PublishJob | null>(null);
  const [error, setError] = useState<string | null>(null);
  const finished = useRef(onFinished);
  useEffect(() => {
    finished.current = onFinished;
  });

  useEffect(() => {
    if (!job || job.state !== 'running') return;
    const timer = setTimeout(() => {
      const api = getStudioApi();
      void api['publish-progress']({ jobId: job.jobId }).then((r) => {
        if (!r.ok) return setError(r.error.message);
        setJob(r.value);
        if (r.value.state !== 'running') finished.current();
      });
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [job]);

  return {
    job,
    error,
    reset() {
      setJob(null);
      setError(null);
    },
    async start(connection: string, definition: AudienceDefinition) {
      setError(null);
      const r = await getStudioApi()['publish-start']({ connection, definition });
      if (r.ok) setJob(r.value);
      else setError(r.error.message);
    },
    async cancel() {
      if (!job) return;
      const r = await getStudioApi()['publish-cancel']({ jobId: job.jobId });
      if (!r.ok) setError(r.error.message);
    },
  };
}
