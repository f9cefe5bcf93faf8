import type { PublishChannels } from '../../shared/contract/publish-channels';
import { PublishApiError } from './publish-handlers';

// Runtime checks of the publish channels' requests (they come from a renderer that may be
// compromised): shapes, types and sizes, each refusal naming the channel and the field.

type Obj = Record<string, unknown>;
type Validators = {
  [C in keyof PublishChannels]: (request: unknown) => PublishChannels[C]['request'];
};

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
const TYPES = ['meta', 'mailchimp', 'klaviyo', 'webhook', 'file'];

function fail(channel: string, message: string): never {
  throw new PublishApiError('invalid-request', `${channel}: ${message}`);
}

function shape(
  channel: string,
  request: unknown,
  required: string[],
  optional: string[] = [],
): Obj {
  if (request === null || typeof request !== 'object' || Array.isArray(request)) {
    fail(channel, 'the request must be an object');
  }
  const obj = request as Obj;
  for (const key of Object.keys(obj)) {
    if (!required.includes(key) && !optional.includes(key))
      fail(channel, `unknown field "${key.slice(0, 40)}"`);
  }
  for (const key of required) if (obj[key] === undefined) fail(channel, `"${key}" is required`);
  return obj;
}

function text(channel: string, obj: Obj, key: string, max: number, optional = false): void {
  const v = obj[key];
  if (optional && v === undefined) return;
  if (typeof v !== 'string' || v.length === 0) fail(channel, `"${key}" must be a non-empty string`);
  if (v.length > max) fail(channel, `"${key}" is longer than ${max} characters`);
}

function definition(channel: string, obj: Obj): void {
  const d = obj.definition as Obj | null;
  if (d === null || typeof d !== 'object' || Array.isArray(d))
    fail(channel, '"definition" must be an object');
  if (typeof d.id !== 'string' || typeof d.name !== 'string')
    fail(channel, '"definition" needs an id and a name');
  if (obj.asOf !== undefined && (typeof obj.asOf !== 'string' || !ISO.test(obj.asOf))) {
    fail(channel, '"asOf" must be an ISO date-time such as 2026-01-31T12:00:00Z');
  }
}

export const publishRequestValidators: Validators = {
  'connections-list': (r) => shape('connections-list', r ?? {}, []) as Record<string, never>,
  'connection-save': (r) => {
    const c = 'connection-save';
    const obj = shape(c, r, ['name', 'type', 'settings'], ['secret']);
    text(c, obj, 'name', 100);
    if (!TYPES.includes(obj.type as string)) fail(c, `"type" must be one of ${TYPES.join(', ')}`);
    const s = obj.settings as Obj | null;
    if (s === null || typeof s !== 'object' || Array.isArray(s))
      fail(c, '"settings" must be an object');
    if (Object.keys(s).length > 10) fail(c, '"settings" has too many fields');
    for (const [k, v] of Object.entries(s)) {
      if (typeof v === 'string' ? v.length > 2000 : typeof v !== 'boolean') {
        fail(
          c,
          `"settings.${k.slice(0, 40)}" must be a string (at most 2000 characters) or true/false`,
        );
      }
    }
    text(c, obj, 'secret', 4096, true);
    return obj as PublishChannels['connection-save']['request'];
  },
  'connection-test': (r) => {
    const obj = shape('connection-test', r, ['name']);
    text('connection-test', obj, 'name', 100);
    return obj as { name: string };
  },
  'connection-delete': (r) => {
    const obj = shape('connection-delete', r, ['name']);
    text('connection-delete', obj, 'name', 100);
    return obj as { name: string };
  },
  'publish-preview': (r) => {
    const obj = shape('publish-preview', r, ['connection', 'definition'], ['asOf']);
    text('publish-preview', obj, 'connection', 100);
    definition('publish-preview', obj);
    return obj as PublishChannels['publish-preview']['request'];
  },
  'publish-start': (r) => {
    const obj = shape('publish-start', r, ['connection', 'definition'], ['asOf']);
    text('publish-start', obj, 'connection', 100);
    definition('publish-start', obj);
    return obj as PublishChannels['publish-start']['request'];
  },
  'publish-progress': (r) => {
    const obj = shape('publish-progress', r, ['jobId']);
    text('publish-progress', obj, 'jobId', 64);
    return obj as { jobId: string };
  },
  'publish-cancel': (r) => {
    const obj = shape('publish-cancel', r, ['jobId']);
    text('publish-cancel', obj, 'jobId', 64);
    return obj as { jobId: string };
  },
  'publish-history': (r) => {
    const obj = shape('publish-history', r ?? {}, [], ['audience', 'connection']);
    text('publish-history', obj, 'audience', 64, true);
    text('publish-history', obj, 'connection', 100, true);
    return obj as PublishChannels['publish-history']['request'];
  },
  'publish-status': (r) => {
    const obj = shape('publish-status', r, ['definition'], ['asOf']);
    definition('publish-status', obj);
    return obj as PublishChannels['publish-status']['request'];
  },
  'lookalike-create': (r) => {
    const c = 'lookalike-create';
    const obj = shape(c, r, ['connection', 'audience', 'country', 'ratio']);
    text(c, obj, 'connection', 100);
    text(c, obj, 'audience', 64);
    if (typeof obj.country !== 'string' || !/^[A-Z]{2}$/.test(obj.country))
      fail(c, '"country" must be a two-letter code such as US');
    if (typeof obj.ratio !== 'number' || !(obj.ratio >= 0.01 && obj.ratio <= 0.2))
      fail(c, '"ratio" must be from 0.01 to 0.20');
    return obj as PublishChannels['lookalike-create']['request'];
  },
};
