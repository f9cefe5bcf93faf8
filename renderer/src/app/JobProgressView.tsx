// Long jobs main runs while the window is open: the first-start demo workspace (which fills the
// work area, since there is nothing to work on yet) and imports (a strip above the open audience).
import type { JobProgress } from '../api/use-job-progress';

/** A determinate bar when main knows the share done, an indeterminate one when it does not. */
function Bar({ fraction, label }: { fraction: number | null; label: string }) {
  return (
    <progress
      className="job-bar"
      aria-label={label}
      max={1}
      {...(fraction === null ? {} : { value: Math.min(Math.max(fraction, 0), 1) })}
    />
  );
}

export function FirstStart({ progress }: { progress: JobProgress }) {
  return (
    <div className="welcome first-start" role="status" aria-busy="true" data-testid="first-start">
      <h1>Preparing your demo workspace</h1>
      <p>
        This first start fills a workspace with sample users and what they did, so you can build and
        count audiences right away. It happens once; your own data can be imported later.
      </p>
      <Bar fraction={progress.fraction} label="Demo workspace" />
      <p className="job-step" data-testid="first-start-step">
        {progress.message}
      </p>
    </div>
  );
}

export function ImportStrip({ progress }: { progress: JobProgress }) {
  return (
    <div className="import-strip" role="status" data-testid="import-progress">
      <span>{progress.message}</span>
      <Bar fraction={progress.fraction} label="Import" />
    </div>
  );
}

/** A finished job that did not succeed (its last report carries no full fraction). */
export function jobFailed(progress: JobProgress | null): boolean {
  return progress !== null && progress.done && progress.fraction !== 1;
}
