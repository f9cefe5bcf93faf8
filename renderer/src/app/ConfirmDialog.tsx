// A modal confirmation on the native <dialog>, which traps focus and closes on Escape.
import { useEffect, useRef } from 'react';

export function ConfirmDialog({
  title,
  body,
  confirmLabel,
  onConfirm,
  onCancel,
}: {
  title: string;
  body: string;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);
  return (
    <dialog
      ref={ref}
      className="dialog"
      onCancel={onCancel}
      aria-labelledby="confirm-title"
      data-testid="confirm-dialog"
    >
      <h2 id="confirm-title">{title}</h2>
      <p>{body}</p>
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onCancel} autoFocus>
          Cancel
        </button>
        <button
          type="button"
          className="button danger"
          onClick={onConfirm}
          data-testid="confirm-delete"
        >
          {confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
