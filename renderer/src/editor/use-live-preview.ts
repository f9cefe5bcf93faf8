// Live counts while editing: previews are debounced, a newer one cancels the older in main (same
// requestId), and any answer for a definition that is no longer current is dropped on arrival.
import { useEffect, useRef, useState } from 'react';
import type { AudienceDefinition } from '../../../shared/audience/audience-types';
import type { PreviewResult } from '../../../shared/contract/audience-channels';
import type { ApiError } from '../../../shared/contract/result';
import { getStudioApi } from '../api/studio-api';

export const PREVIEW_DEBOUNCE_MS = 250;

export interface LivePreview {
  /** The last answer, possibly for an older definition (shown dimmed while a new one runs). */
  result: PreviewResult | null;
  /** The definition `result` was computed for. */
  resultFor: AudienceDefinition | null;
  error: ApiError | null;
  errorFor: AudienceDefinition | null;
}

const EMPTY: LivePreview = { result: null, resultFor: null, error: null, errorFor: null };

/** `enabled` is false while the local validator finds problems: nothing invalid is evaluated. */
export function useLivePreview(
  definition: AudienceDefinition,
  enabled: boolean,
  dataVersion: number,
  onSize?: (id: string, size: number) => void,
): LivePreview & { pending: boolean } {
  const onSizeRef = useRef(onSize);
  useEffect(() => {
    onSizeRef.current = onSize;
  }, [onSize]);
  const [state, setState] = useState<LivePreview>(EMPTY);
  const latest = useRef(0);

  useEffect(() => {
    const ticket = ++latest.current;
    if (!enabled) return;
    const timer = setTimeout(() => {
      const api = getStudioApi();
      void api['audience-preview']({ definition, requestId: `canvas-${definition.id}` }).then(
        (answer) => {
          if (ticket !== latest.current) return;
          if (answer.ok) {
            setState({ result: answer.value, resultFor: definition, error: null, errorFor: null });
            onSizeRef.current?.(definition.id, answer.value.size);
          } else if (answer.error.code !== 'cancelled') {
            setState((s) => ({ ...s, error: answer.error, errorFor: definition }));
          }
        },
      );
    }, PREVIEW_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [definition, enabled, dataVersion]);

  const pending = enabled && state.resultFor !== definition && state.errorFor !== definition;
  return { ...state, pending };
}
