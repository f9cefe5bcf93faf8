import { describe, expect, it } from 'vitest';
import { draftOf, draftProblems, draftSettings, emptyDraft } from './connection-form';

describe('connection form', () => {
  it('asks for the name, required settings and the secret of a new connection', () => {
    const d = emptyDraft('mailchimp');
    expect(draftProblems(d, undefined)).toEqual({
      name: 'Give the connection a name.',
      listId: 'List (audience) id is required.',
      secret: 'API key is required.',
    });
    const ok = { ...d, name: 'news', values: { ...d.values, listId: ' L1 ' }, secret: 'k-us1' };
    expect(draftProblems(ok, undefined)).toEqual({});
    expect(draftSettings(ok)).toEqual({ listId: 'L1', doubleOptIn: true });
  });

  it('keeps the stored secret on edit, but not when the type changes', () => {
    const existing = {
      name: 'fb',
      type: 'meta' as const,
      settings: { adAccount: '12' },
      hasSecret: true,
      disabled: null,
    };
    expect(draftProblems(draftOf(existing), existing)).toEqual({});
    expect(
      draftProblems({ ...draftOf(existing), type: 'klaviyo', values: { listId: 'x' } }, existing),
    ).toEqual({
      secret: 'Private API key is required.',
    });
  });

  it('checks URLs and ad account ids, and leaves out settings of other types', () => {
    const d = {
      ...emptyDraft('meta'),
      name: 'fb',
      secret: 't',
      values: { adAccount: 'act_x1', baseUrl: 'ftp://x', listId: 'stray' },
    };
    expect(draftProblems(d, undefined)).toEqual({
      adAccount: 'The ad account id is digits.',
      baseUrl: 'Use an http(s) URL.',
    });
    expect(draftSettings(d)).toEqual({ adAccount: 'act_x1', baseUrl: 'ftp://x' });
    expect(
      draftProblems({ ...emptyDraft('file'), name: 'f', values: { format: 'csv' } }, undefined),
    ).toEqual({ path: 'File path is required.' });
  });
});
