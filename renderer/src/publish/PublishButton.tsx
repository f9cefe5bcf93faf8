// The editor's Publish button, the dialog it opens, and beside it the audience's standing with its
// connections: when each was last in step, and a warning once the audience has drifted.
import { useEffect, useState } from 'react';
import type { AudienceDefinition } from '../../../shared/audience/audience-types';
import type { ConnectionAudienceStatus } from '../../../shared/contract/publish-channels';
import { getStudioApi, onStudioEvent } from '../api/studio-api';
import { PublishDialog } from './PublishDialog';

/** Edits come in bursts; the standing is recomputed once they pause. */
const STANDING_DELAY_MS = 1500;

function standingText(s: ConnectionAudienceStatus): string {
  const since = s.inStepAt ? new Date(s.inStepAt).toLocaleString() : 'never';
  switch (s.state) {
    case 'in-step':
      return `${s.connection}: in step since ${since}`;
    case 'drifted':
      return `${s.connection}: drifted (+${s.drift.joined} / −${s.drift.left}); last in step ${since}`;
    case 'unfinished':
      return `${s.connection}: the last publish stopped part-way; last in step ${since}`;
    case 'failed':
      return `${s.connection}: the last publish failed (${s.lastRun?.error ?? 'unknown error'})`;
  }
}

export function PublishButton({
  definition,
  disabled,
  reason,
}: {
  definition: AudienceDefinition;
  disabled?: boolean;
  reason?: string;
}) {
  const [open, setOpen] = useState(false);
  const [standing, setStanding] = useState<ConnectionAudienceStatus[]>([]);
  const [generation, setGeneration] = useState(0);

  useEffect(() => onStudioEvent('data-changed', () => setGeneration((g) => g + 1)), []);

  useEffect(() => {
    if (disabled || open) return;
    let live = true;
    const timer = setTimeout(() => {
      const api = getStudioApi();
      void api['publish-status']({ definition }).then((r) => {
        if (live && r.ok) setStanding(r.value);
      });
    }, STANDING_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [definition, disabled, open, generation]);

  const warn = standing.filter((s) => s.state !== 'in-step');
  return (
    <>
      {standing.length > 0 && (
        <span
          className={`publish-standing ${warn.length ? 'warn' : 'ok'}`}
          title={standing.map(standingText).join('\n')}
          data-testid="publish-standing-badge"
        >
          {warn.length
            ? `${warn.length === 1 ? warn[0]!.connection : `${warn.length} connections`} ${warn.some((s) => s.state === 'drifted') ? 'drifted' : 'need attention'}`
            : 'In step'}
        </span>
      )}
      <span
        title={disabled ? reason : 'Send this audience to a connected tool'}
        className="publish-wrap"
      >
        <button
          type="button"
          className="button primary"
          disabled={disabled}
          onClick={() => setOpen(true)}
          data-testid="publish"
        >
          Publish
        </button>
      </span>
      {open && <PublishDialog definition={definition} onClose={() => setOpen(false)} />}
    </>
  );
}
