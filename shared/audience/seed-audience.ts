import type { AudienceDefinition } from './audience-types';

/**
 * The seed example of audience-v1.md ("installed in the last 72 hours and fewer than three
 * sessions"), shared by the tests, the bench and the e2e specs so they all mean the same audience.
 * A fresh object on each call: callers spread and change it freely.
 */
export function seedAudience(): AudienceDefinition {
  return {
    format: 'audience/v1',
    id: 'new-low-engagement',
    name: 'New users with little engagement',
    kind: 'realtime',
    root: {
      type: 'group',
      id: 'root',
      match: 'all',
      children: [
        { type: 'event', id: 'installed', event: 'install', window: { last: 72, unit: 'hour' } },
        {
          type: 'event',
          id: 'few-sessions',
          event: 'session_start',
          window: 'all',
          count: { op: '<', value: 3 },
        },
      ],
    },
  };
}
