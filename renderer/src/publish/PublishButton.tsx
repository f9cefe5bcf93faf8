// The editor's Publish button and the dialog it opens.
import { useState } from 'react';
import type { AudienceDefinition } from '../../../shared/audience/audience-types';
import { PublishDialog } from './PublishDialog';

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
  return (
    <>
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
