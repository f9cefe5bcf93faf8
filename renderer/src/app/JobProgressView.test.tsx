// The first-start and import progress views rendered for real (react-dom/server).
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { FirstStart, ImportStrip, jobFailed } from './JobProgressView';

describe('job progress views', () => {
  it('shows the demo step with a bar at the reported share, indeterminate when unknown', () => {
    const known = renderToStaticMarkup(
      <FirstStart
        progress={{
          job: 'demo-workspace',
          fraction: 0.125,
          message: 'Creating demo users: 250 of 2,000',
          done: false,
        }}
      />,
    );
    expect(known).toContain('Preparing your demo workspace');
    expect(known).toContain('Creating demo users: 250 of 2,000');
    expect(known).toMatch(/<progress[^>]*value="0.125"/);

    const unknown = renderToStaticMarkup(
      <ImportStrip
        progress={{ job: 'import', fraction: null, message: 'Importing a.jsonl: 40%', done: false }}
      />,
    );
    expect(unknown).toContain('Importing a.jsonl: 40%');
    expect(unknown).toMatch(/<progress(?![^>]*value=)[^>]*>/);
  });

  it('tells a failed job from a finished one', () => {
    const base = { job: 'demo-workspace', message: 'x' } as const;
    expect(jobFailed(null)).toBe(false);
    expect(jobFailed({ ...base, fraction: 0.5, done: false })).toBe(false);
    expect(jobFailed({ ...base, fraction: 1, done: true })).toBe(false);
    expect(jobFailed({ ...base, fraction: null, done: true })).toBe(true);
  });
});
