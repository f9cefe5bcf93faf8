import { describe, expect, it } from 'vitest';
import { createSseParser, type SseMessage } from './sse-parser';

function parseAll(chunks: string[]): SseMessage[] {
  const out: SseMessage[] = [];
  const feed = createSseParser((m) => out.push(m));
  for (const c of chunks) feed(c);
  return out;
}

describe('createSseParser', () => {
  it('parses named events with data, across arbitrary chunk splits', () => {
    const text =
      'event: progress\ndata: {"a":1}\n\n: heartbeat\n\nevent: data-changed\ndata: {}\n\n';
    const whole = parseAll([text]);
    expect(whole).toEqual([
      { event: 'progress', data: '{"a":1}' },
      { event: 'data-changed', data: '{}' },
    ]);
    for (let i = 1; i < text.length; i++) {
      expect(parseAll([text.slice(0, i), text.slice(i)])).toEqual(whole);
    }
  });

  it('joins multi-line data, accepts CRLF and defaults the event name', () => {
    expect(parseAll(['data: one\r\ndata: two\r\n\r\n'])).toEqual([
      { event: 'message', data: 'one\ntwo' },
    ]);
  });

  it('holds an incomplete message until its blank line arrives', () => {
    expect(parseAll(['event: progress\ndata: x\n'])).toEqual([]);
  });
});
