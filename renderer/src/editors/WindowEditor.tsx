// The time window of an event block: presets for the common cases, then free "last N units" or dates.
import {
  TIME_UNITS,
  type EventWindow,
  type TimeUnit,
} from '../../../shared/audience/audience-types';
import { DateInput, NumberInput, Select } from './inputs';

type WindowKind = 'all' | 'last' | 'between';

const PRESETS: Array<{ label: string; window: EventWindow }> = [
  { label: '72 hours', window: { last: 72, unit: 'hour' } },
  { label: '7 days', window: { last: 7, unit: 'day' } },
  { label: '30 days', window: { last: 30, unit: 'day' } },
  { label: 'All time', window: 'all' },
];

const sameWindow = (a: EventWindow, b: EventWindow) => JSON.stringify(a) === JSON.stringify(b);

function isoDay(offsetDays: number): string {
  return new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

/**
 * A real-time audience sees only the look-back period: a date window reaching further back is
 * allowed (validation never depends on the clock) but only its recent part can match.
 */
export function lookbackWarning(
  window: EventWindow,
  kind: 'realtime' | 'standard',
  lookbackDays: number,
  now: number,
): string | null {
  if (kind !== 'realtime' || window === 'all' || !('from' in window)) return null;
  const from = Date.parse(window.from);
  if (!Number.isFinite(from) || from >= now - lookbackDays * 86_400_000) return null;
  return `Real-time audiences see only the last ${lookbackDays} days: events before then will not count. Switch to Standard to use all history.`;
}

export function WindowEditor({
  window,
  onChange,
  testId,
  warning,
}: {
  window: EventWindow;
  onChange: (w: EventWindow, tag?: string) => void;
  testId: string;
  /** Shown under the window when set (see lookbackWarning). */
  warning?: string | null;
}) {
  const kind: WindowKind = window === 'all' ? 'all' : 'last' in window ? 'last' : 'between';
  return (
    <>
      <Select<WindowKind>
        value={kind}
        label="Time window"
        testId={`${testId}-window`}
        options={[
          { value: 'all', label: 'all time' },
          { value: 'last', label: 'in the last' },
          { value: 'between', label: 'between' },
        ]}
        onChange={(k) =>
          onChange(
            k === 'all'
              ? 'all'
              : k === 'last'
                ? { last: 7, unit: 'day' }
                : { from: isoDay(-30), to: isoDay(1) },
          )
        }
      />
      {window !== 'all' && 'last' in window ? (
        <>
          <NumberInput
            value={Number.isFinite(window.last) ? window.last : undefined}
            label="Window length"
            testId={`${testId}-window-amount`}
            min={1}
            step={1}
            onChange={(n) =>
              onChange({ last: n ?? NaN, unit: window.unit }, `${testId}-window-amount`)
            }
          />
          <Select<TimeUnit>
            value={window.unit}
            label="Window unit"
            testId={`${testId}-window-unit`}
            options={TIME_UNITS.map((u) => ({ value: u, label: `${u}s` }))}
            onChange={(unit) => onChange({ last: window.last, unit })}
          />
        </>
      ) : null}
      {window !== 'all' && 'from' in window ? (
        <>
          <DateInput
            value={window.from}
            label="Window start"
            testId={`${testId}-window-from`}
            onChange={(from) => onChange({ from, to: window.to })}
          />
          <span className="editor-word">and</span>
          <DateInput
            value={window.to}
            label="Window end"
            testId={`${testId}-window-to`}
            onChange={(to) => onChange({ from: window.from, to })}
          />
        </>
      ) : null}
      <span className="presets" role="group" aria-label="Window presets">
        {PRESETS.map((p) => (
          <button
            key={p.label}
            type="button"
            className={`preset${sameWindow(p.window, window) ? ' active' : ''}`}
            aria-pressed={sameWindow(p.window, window)}
            onClick={() => onChange(p.window)}
          >
            {p.label}
          </button>
        ))}
      </span>
      {warning ? (
        <span className="editor-warning" role="note">
          {warning}
        </span>
      ) : null}
    </>
  );
}
