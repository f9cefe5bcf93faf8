import { describe, expect, it } from 'vitest';
import { CsvParser, type CsvRecord } from './csv-parser';
import { parseIsoDatetime } from './iso-datetime';
import { JsonArraySplitter, type SplitItem } from './json-array-splitter';

/** Feeds the text in pieces of `size` characters, as a stream would. */
function csv(text: string, size = text.length): CsvRecord[] {
  const p = new CsvParser();
  const out: CsvRecord[] = [];
  for (let i = 0; i < text.length; i += size) out.push(...p.push(text.slice(i, i + size)));
  return [...out, ...p.end()];
}

function split(text: string, size = text.length): SplitItem[] {
  const s = new JsonArraySplitter();
  const out: SplitItem[] = [];
  for (let i = 0; i < text.length; i += size) out.push(...s.push(text.slice(i, i + size)));
  return [...out, ...s.end()];
}

describe('CsvParser (RFC 4180)', () => {
  const text =
    'email,name,note\r\n' +
    'a@b.com,"Smith, Ann","said ""hi""\r\nthen left"\r\n' +
    '\r\n' +
    'c@d.com,,""\n' +
    'e@f.com,plain,last';

  it('splits quoted cells, doubled quotes, CRLF/LF and line breaks inside quotes, with start lines', () => {
    const expected = [
      { line: 1, cells: ['email', 'name', 'note'] },
      { line: 2, cells: ['a@b.com', 'Smith, Ann', 'said "hi"\r\nthen left'] },
      { line: 5, cells: ['c@d.com', '', ''] },
      { line: 6, cells: ['e@f.com', 'plain', 'last'] },
    ];
    expect(csv(text)).toEqual(expected);
    // The same records whatever the read boundaries (quotes and CRLF split between pieces).
    for (const size of [1, 2, 3, 7]) expect(csv(text, size)).toEqual(expected);
  });

  it('reports broken quoting on the row where it starts, and keeps parsing after it', () => {
    expect(csv('a,b\n1,"x"y\n2,ok\n3,a"b\n4,"never closed\n')).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, error: 'text after the closing quote of cell 2' },
      { line: 3, cells: ['2', 'ok'] },
      {
        line: 4,
        error: 'a double quote inside unquoted cell 2 (quote the cell and double the quote)',
      },
      { line: 5, error: 'cell 2 opens a quote that is never closed' },
    ]);
  });
});

describe('JsonArraySplitter', () => {
  it('yields each element of a top-level array, however the text is cut', () => {
    const text = ' [ {"a":"x]},[\\"y"}, {"b":[1,{"c":2}]} ,\n{} ] \n';
    const expected = [{ text: '{"a":"x]},[\\"y"}' }, { text: '{"b":[1,{"c":2}]}' }, { text: '{}' }];
    for (const size of [1, 3, 100]) expect(split(text, size)).toEqual(expected);
  });

  it('takes a single object as one batch and reports truncated or foreign documents', () => {
    expect(split('{"a":{"b":1}}\n')).toEqual([{ text: '{"a":{"b":1}}' }]);
    // Objects one after another (NDJSON saved as .json) are each a batch.
    expect(split('{"a":1}\n{"b":"}"}\n', 2)).toEqual([{ text: '{"a":1}' }, { text: '{"b":"}"}' }]);
    expect(split('[{"a":1}] {"b":2}')).toEqual([
      { text: '{"a":1}' },
      { error: 'unexpected text after the end of the JSON document' },
    ]);
    expect(split('[{"a":1},{"b":')).toEqual([
      { text: '{"a":1}' },
      { error: 'the file ends in the middle of this batch (truncated JSON)' },
    ]);
    expect(split('"just a string"')).toEqual([
      { error: 'the file is neither a JSON batch (object) nor an array of batches' },
    ]);
    expect(split('[1, "two"]')).toEqual([{ text: '1' }, { text: '"two"' }]);
    expect(split('')).toEqual([{ error: 'the file is empty' }]);
  });
});

describe('parseIsoDatetime', () => {
  it('accepts the valid forms, with zones and surrounding white space', () => {
    expect(parseIsoDatetime('2026-11-30')).toBe(Date.UTC(2026, 10, 30));
    expect(parseIsoDatetime(' 2026-11-30T08:00Z ')).toBe(Date.UTC(2026, 10, 30, 8));
    expect(parseIsoDatetime('2026-11-30T08:00:05.1234+02:30')).toBe(
      Date.UTC(2026, 10, 30, 5, 30, 5, 123),
    );
    expect(parseIsoDatetime('2024-02-29T23:59:59-01:00')).toBe(Date.UTC(2024, 2, 1, 0, 59, 59));
    // Years below 100 are years, not 1900 + year.
    expect(parseIsoDatetime('0050-01-01')).toBe(Date.parse('0050-01-01T00:00:00Z'));
  });

  it('rejects everything else', () => {
    for (const bad of [
      '2023-02-29',
      '2026-13-01',
      '2026-11-31',
      '2026-11-30T08:00',
      '2026-11-30T24:00Z',
      '2026-11-30 08:00Z',
      '2026-11-30T08Z',
      '30/11/2026',
      '',
      'yesterday',
    ]) {
      expect(parseIsoDatetime(bad), bad).toBeUndefined();
    }
  });
});
