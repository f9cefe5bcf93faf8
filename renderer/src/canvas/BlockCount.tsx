// A block's own live count, with a bar relative to the population.
import { useCanvas } from './canvas-context';

export function BlockCount({ nodeId }: { nodeId: string }) {
  const { counts, countsStale, population, problems } = useCanvas();
  const invalid = problems.has(nodeId);
  const count = counts?.[nodeId];
  const share = count !== undefined && population ? count / population : 0;
  const title =
    count === undefined
      ? 'Not counted yet'
      : `${count.toLocaleString('en-US')} of ${(population ?? 0).toLocaleString('en-US')} users (${(share * 100).toFixed(1)}%)`;
  return (
    <div className={`block-count${countsStale ? ' stale' : ''}`} title={title}>
      <span className="block-count-value" data-testid={`node-count-${nodeId}`}>
        {invalid ? '—' : count === undefined ? '…' : count.toLocaleString('en-US')}
      </span>
      <span className="block-count-bar" aria-hidden="true">
        <span
          className="block-count-fill"
          style={{
            width: `${invalid || count === undefined ? 0 : Math.max(share * 100, count > 0 ? 1 : 0)}%`,
          }}
        />
      </span>
    </div>
  );
}
