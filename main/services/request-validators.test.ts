import { describe, expect, it } from 'vitest';
import { CHANNELS } from '../../shared/ipc-contract';
import { ApiFailure } from './api-failure';
import { requestValidators, validateRequest } from './request-validators';

const def = { format: 'audience/v1' };

function refusal(channel: Parameters<typeof validateRequest>[0], request: unknown): string {
  try {
    validateRequest(channel, request);
  } catch (err) {
    expect(err).toBeInstanceOf(ApiFailure);
    expect((err as ApiFailure).code).toBe('invalid-request');
    return (err as ApiFailure).message;
  }
  throw new Error(`${channel} accepted ${JSON.stringify(request)}`);
}

describe('request validators', () => {
  it('has one validator per channel', () => {
    expect(Object.keys(requestValidators).sort()).toEqual([...CHANNELS].sort());
  });

  it('accepts well-formed requests unchanged', () => {
    const ok: Array<[Parameters<typeof validateRequest>[0], unknown]> = [
      ['workspace-info', {}],
      ['audience-get', { id: 'churn-risk' }],
      ['audience-save', { definition: def }],
      ['audience-validate', { definition: 'anything at all' }],
      ['audience-preview', { definition: def, asOf: '2026-01-31T12:00:00Z', requestId: 'r1' }],
      ['audience-members', { definition: def, offset: 0, limit: 1000 }],
      [
        'audience-explain',
        { definition: def, profile: '42', asOf: '2026-01-31T12:00:00.250+01:00' },
      ],
    ];
    for (const [channel, request] of ok) expect(validateRequest(channel, request)).toBe(request);
  });

  it('refuses malformed requests, naming the field', () => {
    expect(refusal('workspace-info', [])).toBe('workspace-info: the request must be an object');
    expect(refusal('audience-get', {})).toBe('audience-get: "id" is required');
    expect(refusal('audience-get', { id: 'Bad Id' })).toBe(
      'audience-get: "id" has an invalid form',
    );
    expect(refusal('audience-get', { id: 'a'.repeat(65) })).toBe(
      'audience-get: "id" is longer than 64 characters',
    );
    expect(refusal('audience-save', { definition: [1] })).toBe(
      'audience-save: "definition" must be an audience definition object',
    );
    expect(refusal('audience-preview', { definition: def, asOf: 'yesterday' })).toMatch(
      /"asOf" must be an ISO date-time/,
    );
    expect(refusal('audience-preview', { definition: def, asOf: '2026-02-31T00:00:00Z' })).toMatch(
      /"asOf"/,
    );
    expect(refusal('audience-preview', { definition: def, requestId: 'x'.repeat(129) })).toMatch(
      /"requestId" is longer/,
    );
    expect(refusal('audience-members', { definition: def, offset: -1, limit: 10 })).toMatch(
      /"offset" must be a whole number/,
    );
    expect(refusal('audience-members', { definition: def, offset: 0, limit: 1.5 })).toMatch(
      /"limit"/,
    );
    expect(refusal('audience-explain', { definition: def, profile: '0' })).toMatch(/"profile"/);
    expect(refusal('audience-explain', { definition: def, profile: 42 })).toMatch(/"profile"/);
    expect(refusal('audience-delete', { id: 'x', extra: true })).toBe(
      'audience-delete: unknown field "extra"',
    );
  });
});
