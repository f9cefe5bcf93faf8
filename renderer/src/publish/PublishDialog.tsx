// Publish an audience: pick a connection, see the difference first (+joined, −left, unchanged, and
// who cannot be matched, with the identifiers that will be sent), then send it with progress and
// Cancel. Also each connection's standing (in step, drifted, unfinished), history and lookalikes.
import { useEffect, useRef, useState } from 'react';
import type { AudienceDefinition } from '../../../shared/audience/audience-types';
import type {
  ConnectionAudienceStatus,
  ConnectionSummary,
  PublishPreview,
  PublishRunSummary,
} from '../../../shared/contract/publish-channels';
import { getStudioApi } from '../api/studio-api';
import { ConnectionsManager } from './ConnectionsManager';
import { LookalikeForm } from './LookalikeForm';
import { usePublishJob } from './use-publish-job';
import './publish.css';

const n = (x: number) => x.toLocaleString();
const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : 'never');

export function PublishDialog({
  definition,
  onClose,
}: {
  definition: AudienceDefinition;
  onClose: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const [connections, setConnections] = useState<ConnectionSummary[] | null>(null);
  const [chosen, setChosen] = useState<string>('');
  const [manageOpen, setManageOpen] = useState(false);
  // Bumped after anything that changes what the dialog shows (a save, a finished publish).
  const [generation, setGeneration] = useState(0);
  const [preview, setPreview] = useState<{
    key: string;
    value: PublishPreview | null;
    error: string | null;
  } | null>(null);
  const [status, setStatus] = useState<ConnectionAudienceStatus[]>([]);
  const [history, setHistory] = useState<PublishRunSummary[]>([]);

  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);

  const list = connections ?? [];
  const selected = list.some((c) => c.name === chosen) ? chosen : (list[0]?.name ?? '');
  const manage = manageOpen || (connections !== null && connections.length === 0);
  const previewKey = `${selected}|${generation}`;

  useEffect(() => {
    let live = true;
    const api = getStudioApi();
    void api['connections-list']({}).then((r) => {
      if (live && r.ok) setConnections(r.value);
    });
    void api['publish-status']({ definition }).then((r) => {
      if (live && r.ok) setStatus(r.value);
    });
    void api['publish-history']({ audience: definition.id }).then((r) => {
      if (live && r.ok) setHistory(r.value);
    });
    return () => {
      live = false;
    };
  }, [definition, generation]);

  useEffect(() => {
    if (!selected) return;
    let live = true;
    const api = getStudioApi();
    void api['publish-preview']({ connection: selected, definition }).then((r) => {
      if (!live) return;
      setPreview(
        r.ok
          ? { key: previewKey, value: r.value, error: null }
          : { key: previewKey, value: null, error: r.error.message },
      );
    });
    return () => {
      live = false;
    };
  }, [selected, definition, previewKey]);

  const job = usePublishJob(() => setGeneration((g) => g + 1));
  const shown = preview?.key === previewKey ? preview : null;
  const previewError = shown?.error ?? null;
  const previewValue = shown?.value ?? null;

  const running = job.job?.state === 'running';
  const current = list.find((c) => c.name === selected);
  const standing = status.find((s) => s.connection === selected);
  const nothingToSend =
    previewValue !== null && previewValue.batches + previewValue.resumeBatches === 0;
  const fraction =
    job.job && job.job.batchesTotal > 0 ? job.job.batchesDone / job.job.batchesTotal : 0;

  return (
    <dialog
      ref={ref}
      className="dialog publish-dialog"
      aria-labelledby="publish-title"
      data-testid="publish-dialog"
      onCancel={(e) => {
        if (running) e.preventDefault();
        else onClose();
      }}
    >
      <h2 id="publish-title">Publish “{definition.name}”</h2>
      <div className="publish-connection">
        <label>
          Connection
          <select
            className="input select wide"
            value={selected}
            disabled={running || list.length === 0}
            data-testid="publish-connection"
            onChange={(e) => {
              setChosen(e.target.value);
              job.reset();
            }}
          >
            {list.map((c) => (
              <option key={c.name} value={c.name}>
                {c.name} ({c.type})
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="button small"
          disabled={running}
          onClick={() => setManageOpen(!manage)}
          data-testid="manage-connections"
        >
          {manage ? 'Hide connections' : 'Manage connections'}
        </button>
      </div>
      {manage && (
        <ConnectionsManager
          connections={list}
          onChanged={(name) => {
            if (name) setChosen(name);
            // Stay open after the first connection is added, to test it.
            setManageOpen(true);
            setGeneration((g) => g + 1);
          }}
        />
      )}

      {standing && (
        <p className={`standing ${standing.state}`} data-testid="publish-standing">
          {standing.state === 'in-step' && <>In step since {when(standing.inStepAt)}.</>}
          {standing.state === 'drifted' && (
            <>
              Drifted: {n(standing.drift.joined)} joined and {n(standing.drift.left)} left since it
              was last in step ({when(standing.inStepAt)}).
            </>
          )}
          {standing.state === 'unfinished' && (
            <>The last publish stopped part-way; publishing resumes it.</>
          )}
          {standing.state === 'failed' && <>The last publish failed: {standing.lastRun?.error}</>}
        </p>
      )}

      {previewError && (
        <p className="notice error" role="alert">
          {previewError}
        </p>
      )}
      {previewValue && (
        <div className="publish-diff" data-testid="publish-diff">
          <div className="diff-counts">
            <span className="joined" data-testid="diff-joined">
              +{n(previewValue.joined)} joined
            </span>
            <span className="left" data-testid="diff-left">
              −{n(previewValue.left)} left
            </span>
            <span data-testid="diff-unchanged">{n(previewValue.unchanged)} unchanged</span>
          </div>
          {previewValue.skipped > 0 && (
            <p className="muted" data-testid="diff-skipped">
              {n(previewValue.skipped)} members have no identifier this partner accepts and will not
              be sent.
            </p>
          )}
          <p className="muted">Sent: {previewValue.identifierNote}.</p>
          <p className="muted">
            {n(previewValue.batches)} {previewValue.batches === 1 ? 'batch' : 'batches'}
            {previewValue.resumeBatches > 0 &&
              `, after the ${n(previewValue.resumeBatches)} left by the interrupted publish`}
            .
          </p>
        </div>
      )}

      {job.job && (
        <div className="publish-progress" data-testid="publish-progress">
          <progress max={1} value={fraction} aria-label="Publish progress" />
          <span>
            {job.job.state === 'running'
              ? `Batch ${n(job.job.batchesDone)} of ${n(job.job.batchesTotal)} (${n(job.job.membersDone)} members)`
              : job.job.state === 'done'
                ? `Published: +${n(job.job.result?.joined ?? 0)}, −${n(job.job.result?.left ?? 0)} in ${n(job.job.result?.ms ?? 0)} ms.`
                : job.job.state === 'pending'
                  ? 'Offline: it will be sent when the network returns.'
                  : `Stopped: ${job.job.error ?? job.job.state}`}
          </span>
        </div>
      )}
      {job.error && (
        <p className="notice error" role="alert">
          {job.error}
        </p>
      )}

      {current?.type === 'meta' && standing && (
        <LookalikeForm connection={current.name} audience={definition.id} />
      )}

      {history.length > 0 && (
        <details className="publish-history">
          <summary>History ({history.length})</summary>
          <table>
            <thead>
              <tr>
                <th>When</th>
                <th>Connection</th>
                <th>Outcome</th>
                <th>+ / −</th>
                <th>Time</th>
              </tr>
            </thead>
            <tbody>
              {history.map((h) => (
                <tr
                  key={h.runId}
                  title={[h.error, ...h.batchErrors.map((b) => `batch ${b.seq}: ${b.error}`)]
                    .filter(Boolean)
                    .join('\n')}
                >
                  <td>{when(h.startedAt)}</td>
                  <td>{h.connection}</td>
                  <td>
                    {h.status} ({h.acknowledged}/{h.batches} batches)
                  </td>
                  <td>
                    +{n(h.joined)} / −{n(h.left)}
                  </td>
                  <td>{n(h.ms)} ms</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}

      <div className="dialog-actions">
        {running ? (
          <button
            type="button"
            className="button"
            onClick={() => void job.cancel()}
            data-testid="publish-cancel"
          >
            Cancel
          </button>
        ) : (
          <button type="button" className="button" onClick={onClose} data-testid="publish-close">
            Close
          </button>
        )}
        <button
          type="button"
          className="button primary"
          disabled={running || !previewValue || nothingToSend || Boolean(current?.disabled)}
          onClick={() => void job.start(selected, definition)}
          data-testid="publish-send"
        >
          {nothingToSend ? 'In step' : 'Send'}
        </button>
      </div>
    </dialog>
  );
}
