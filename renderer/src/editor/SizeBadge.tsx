// The live size of the audience, or why it cannot be computed yet.
import { shorten } from '../model/shorten';
import type { LivePreview } from './use-live-preview';

/** About two lines of the top bar's reason at 1280 px; the whole sentence is in the tooltip. */
const WHY_CHARS = 84;

export function SizeBadge({
  preview,
  fresh,
  problemCount,
  general,
  firstProblem,
  population,
  emptyStart = false,
}: {
  preview: LivePreview & { pending: boolean };
  fresh: boolean;
  problemCount: number;
  general: string[];
  /** The first block problem, as "sentence: message", so the reason is readable from here. */
  firstProblem: string | null;
  population: number;
  /** A new audience with no block yet: nothing to count, and nothing wrong either. */
  emptyStart?: boolean;
}) {
  if (emptyStart && problemCount === 0) {
    return (
      <div className="size-badge start" role="status" data-testid="audience-size-status">
        <span className="size-start">Add a block to start counting</span>
        <span className="size-label">
          {population.toLocaleString('en-US')} users in this workspace
        </span>
      </div>
    );
  }
  if (problemCount > 0) {
    const why =
      general[0] ??
      `${problemCount === 1 ? 'One block needs' : `${problemCount} blocks need`} attention${firstProblem ? `: ${firstProblem}` : ' (marked in red).'}`;
    return (
      <div className="size-badge invalid" role="status" data-testid="audience-size-status">
        <span className="size-label">Can't count yet</span>
        <span className="size-why" data-testid="audience-size-why" title={why}>
          {shorten(why, WHY_CHARS)}
        </span>
      </div>
    );
  }
  if (
    preview.error &&
    preview.errorFor &&
    preview.error.code !== 'invalid-audience' &&
    !preview.pending
  ) {
    return (
      <div className="size-badge error" role="status">
        <span className="size-label">Count failed</span>
        <span className="size-why" title={preview.error.message}>
          {shorten(preview.error.message, WHY_CHARS)}
        </span>
      </div>
    );
  }
  const result = preview.result;
  const share = result && result.population ? (result.size / result.population) * 100 : 0;
  return (
    <div
      className={`size-badge${fresh ? '' : ' stale'}`}
      role="status"
      aria-busy={!fresh}
      // How long the exact count took: worth a look, not worth the top bar's room.
      title={fresh && result ? `Counted exactly in ${Math.round(result.ms)} ms` : undefined}
    >
      <span className="size-value" data-testid="audience-size">
        {result ? result.size.toLocaleString('en-US') : '…'}
      </span>
      <span className="size-label">
        {result
          ? `users · ${share.toFixed(1)}% of ${result.population.toLocaleString('en-US')}`
          : `counting among ${population.toLocaleString('en-US')} users`}
      </span>
    </div>
  );
}
