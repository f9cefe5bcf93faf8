import { describe, expect, it } from 'vitest';
import { shorten } from './shorten';

describe('shorten', () => {
  it('keeps a text that fits', () => {
    expect(shorten('One block needs attention', 40)).toBe('One block needs attention');
  });

  it('cuts at a word boundary, drops trailing punctuation and adds an ellipsis', () => {
    const text =
      'One block needs attention: "All of" — a group needs at least one condition (an empty group is not allowed)';
    const short = shorten(text, 60);
    expect(short.length).toBeLessThanOrEqual(60);
    expect(short).toBe('One block needs attention: "All of" — a group needs at…');
    expect(shorten('a — b c', 5)).toBe('a…');
  });

  it('cuts inside one long word when there is no space to cut at', () => {
    expect(shorten('x'.repeat(30), 10)).toBe(`${'x'.repeat(9)}…`);
  });
});
