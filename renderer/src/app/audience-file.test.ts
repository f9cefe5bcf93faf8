import { describe, expect, it } from 'vitest';
import { parseAudienceFile } from './audience-file';

describe('audience files', () => {
  it('opens a drawable definition even with rule problems', () => {
    const text = JSON.stringify({
      format: 'audience/v1',
      id: 'a',
      name: 'A',
      kind: 'standard',
      root: { type: 'group', id: 'root', match: 'all', children: [] },
    });
    expect(parseAudienceFile('a.audience.json', text).ok).toBe(true);
  });

  it('refuses what the canvas cannot draw, saying why', () => {
    expect(parseAudienceFile('x.json', '{')).toMatchObject({
      ok: false,
      message: /x.json is not JSON/,
    });
    expect(parseAudienceFile('x.json', '{"format":"v2"}')).toMatchObject({
      message: /audience\/v1/,
    });
    const bad = JSON.stringify({
      format: 'audience/v1',
      id: 'a',
      name: 'A',
      root: { type: 'group', id: 'root', children: [{ type: 'weird', id: 'w' }] },
    });
    expect(parseAudienceFile('x.json', bad)).toMatchObject({ ok: false, message: /known "type"/ });
  });
});
