import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json';
import { exactJsonText, exactNumberText, parseExactJson, plainJson } from './exact-json';

describe('parseExactJson', () => {
  it('keeps integers beyond 2^53 as their exact source text', () => {
    const v = parseExactJson('{"mpid":-7636538281262557000,"b":18446744073709551615}') as Record<
      string,
      unknown
    >;
    expect(exactNumberText(v.mpid)).toBe('-7636538281262557000');
    expect(exactNumberText(v.b)).toBe('18446744073709551615');
    // What a plain parse would have given instead.
    expect(String(JSON.parse('18446744073709551615'))).not.toBe('18446744073709551615');
  });

  it('leaves long digit runs inside strings, fractions and exponents alone', () => {
    const text =
      '{"s":"id 12345678901234567890 \\" 98765432109876543210","f":1.12345678901234567,' +
      '"e":1e1234567890123456,"n":9007199254740993,"k":"\\\\","after":12345678901234567}';
    // 1e1234567890123456 is valid JSON (JSON.parse gives Infinity); its digits must not be quoted.
    const v = parseExactJson(text) as Record<string, unknown>;
    expect(v.s).toBe('id 12345678901234567890 " 98765432109876543210');
    expect(v.f).toBe(Number('1.12345678901234567'));
    expect(v.e).toBe(Infinity);
    expect(exactNumberText(v.n)).toBe('9007199254740993');
    expect(v.k).toBe('\\');
    expect(exactNumberText(v.after)).toBe('12345678901234567');
  });

  it('gives plain numbers back for properties, and exact digits for stored values', () => {
    const v = parseExactJson('{"a":[12345678901234567890,1,"x"],"b":{"c":1234567890123456789}}');
    expect(plainJson(v)).toEqual({
      a: [Number('12345678901234567890'), 1, 'x'],
      b: { c: Number('1234567890123456789') },
    });
    expect(exactJsonText(v)).toBe(
      '{"a":[12345678901234567890,1,"x"],"b":{"c":1234567890123456789}}',
    );
  });

  it('keeps the source text of every number given as an mpid or a user identity', () => {
    const v = parseExactJson(
      '{"s":"\\"mpid\\": 1.5","mpid":1e3,"user_identities":{"email":"a:1.5","customer_id":12.50,' +
        '"other": -0.1E+2 ,"other_id_2":7},"x":{"y":2.50}}',
    ) as Record<string, Record<string, unknown>>;
    expect(exactNumberText(v.mpid)).toBe('1e3');
    expect(exactNumberText(v.user_identities!.customer_id)).toBe('12.50');
    expect(exactNumberText(v.user_identities!.other)).toBe('-0.1E+2');
    expect(exactNumberText(v.user_identities!.other_id_2)).toBe('7');
    expect(v.user_identities!.email).toBe('a:1.5');
    expect(v.s).toBe('"mpid": 1.5');
    // Elsewhere numbers stay numbers.
    expect(v.x).toEqual({ y: 2.5 });
  });

  it('fails like JSON.parse on text that is not JSON', () => {
    expect(() => parseExactJson('{"a":12345678901234567890')).toThrow(SyntaxError);
    expect(() => parseExactJson('{"a": "unterminated 12345678901234567890}')).toThrow(SyntaxError);
  });
});

describe('canonicalJson (RFC 8785)', () => {
  it('sorts members by UTF-16 code units, recursively, without white space', () => {
    expect(
      canonicalJson({
        b: 1,
        a: { d: [3, { z: 1, y: 2 }], c: null },
        '\u20ac': 1,
        '\ud83d\ude00': 2,
        '\ufb33': 3,
      }),
    ).toBe('{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1,"\u20ac":1,"\ud83d\ude00":2,"\ufb33":3}');
  });

  it('writes numbers in the ECMAScript shortest form, long integers by their value', () => {
    expect(canonicalJson([1e21, 1.0, -0, 0.000001, 1e-7, Number('333333333.33333329')])).toBe(
      '[1e+21,1,0,0.000001,1e-7,333333333.3333333]',
    );
    expect(canonicalJson(parseExactJson('[12345678901234567890]'))).toBe('[12345678901234567000]');
  });

  it('escapes strings as JSON does', () => {
    expect(canonicalJson('a"b\\c\n\u0001')).toBe('"a\\"b\\\\c\\n\\u0001"');
  });
});
