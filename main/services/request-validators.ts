// One runtime validator per channel. Requests come from a renderer that might be compromised (or
// from any page that got hold of the bridge), so shapes, types and sizes are checked here before a
// service sees them; a malformed request is refused with 'invalid-request' naming the field.
// The audience definition's own rules are checked by the engine's validator (invalid-audience).
import type { Channel, RequestOf } from '../../shared/ipc-contract';
import { publishRequestValidators } from '../publish/publish-request-validators';
import { ApiFailure } from './api-failure';

export const MAX_MEMBERS_PAGE = 1000;
const MAX_ID_LENGTH = 64;
const MAX_REQUEST_ID_LENGTH = 128;
const MAX_PROFILE_LENGTH = 20;

type Obj = Record<string, unknown>;

function fail(channel: Channel, message: string): never {
  throw new ApiFailure('invalid-request', `${channel}: ${message}`);
}

function objectWith(
  channel: Channel,
  request: unknown,
  required: readonly string[],
  optional: readonly string[] = [],
): Obj {
  if (request === null || typeof request !== 'object' || Array.isArray(request)) {
    fail(channel, 'the request must be an object');
  }
  const obj = request as Obj;
  const allowed = new Set([...required, ...optional]);
  for (const key of Object.keys(obj)) {
    if (!allowed.has(key)) fail(channel, `unknown field "${key.slice(0, 40)}"`);
  }
  for (const key of required) {
    if (!(key in obj) || obj[key] === undefined) fail(channel, `"${key}" is required`);
  }
  return obj;
}

function text(channel: Channel, obj: Obj, key: string, max: number, pattern?: RegExp): string {
  const v = obj[key];
  if (typeof v !== 'string' || v.length === 0) fail(channel, `"${key}" must be a non-empty string`);
  if (v.length > max) fail(channel, `"${key}" is longer than ${max} characters`);
  if (pattern && !pattern.test(v)) fail(channel, `"${key}" has an invalid form`);
  return v;
}

function wholeNumber(channel: Channel, obj: Obj, key: string, min: number, max: number): number {
  const v = obj[key];
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    fail(channel, `"${key}" must be a whole number from ${min} to ${max}`);
  }
  return v;
}

function definitionObject(channel: Channel, obj: Obj): void {
  const v = obj.definition;
  if (v === null || typeof v !== 'object' || Array.isArray(v)) {
    fail(channel, '"definition" must be an audience definition object');
  }
}

// ISO 8601 date-times only (what the UI and CLI send), so "3" or "yesterday" are not accepted by
// Date.parse's lenient fallbacks.
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

function optionalAsOf(channel: Channel, obj: Obj): void {
  if (obj.asOf === undefined) return;
  if (typeof obj.asOf !== 'string' || !ISO_DATE_TIME.test(obj.asOf)) {
    fail(channel, '"asOf" must be an ISO date-time such as 2026-01-31T12:00:00Z');
  }
  if (!isRealDateTime(obj.asOf)) fail(channel, '"asOf" is not a real date and time');
}

// Date.parse rolls 2026-02-31 over to March 3rd instead of refusing it.
function isRealDateTime(iso: string): boolean {
  const [y, mo, d, h, mi, s] = iso.split(/[-T:.Z+]/).map(Number) as number[];
  const daysInMonth = new Date(Date.UTC(y!, mo!, 0)).getUTCDate();
  return (
    mo! >= 1 && mo! <= 12 && d! >= 1 && d! <= daysInMonth && h! < 24 && mi! < 60 && (s ?? 0) < 60
  );
}

const AUDIENCE_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;
const PROFILE_ID = /^[1-9][0-9]*$/;

type Validators = { [C in Channel]: (request: unknown) => RequestOf<C> };

const empty =
  <C extends Channel>(channel: C) =>
  (request: unknown) =>
    objectWith(channel, request ?? {}, []) as RequestOf<C>;

export const requestValidators: Validators = {
  'workspace-info': empty('workspace-info'),
  'catalog-get': empty('catalog-get'),
  'audiences-list': empty('audiences-list'),
  'audience-get': (request) => {
    const obj = objectWith('audience-get', request, ['id']);
    text('audience-get', obj, 'id', MAX_ID_LENGTH, AUDIENCE_ID);
    return obj as RequestOf<'audience-get'>;
  },
  'audience-delete': (request) => {
    const obj = objectWith('audience-delete', request, ['id']);
    text('audience-delete', obj, 'id', MAX_ID_LENGTH, AUDIENCE_ID);
    return obj as RequestOf<'audience-delete'>;
  },
  'audience-save': (request) => {
    const obj = objectWith('audience-save', request, ['definition']);
    definitionObject('audience-save', obj);
    return obj as RequestOf<'audience-save'>;
  },
  'audience-validate': (request) => {
    // Anything JSON is a fair question for the validator: that is its job.
    return objectWith('audience-validate', request, [
      'definition',
    ]) as RequestOf<'audience-validate'>;
  },
  'audience-preview': (request) => {
    const obj = objectWith('audience-preview', request, ['definition'], ['asOf', 'requestId']);
    definitionObject('audience-preview', obj);
    optionalAsOf('audience-preview', obj);
    if (obj.requestId !== undefined) {
      text('audience-preview', obj, 'requestId', MAX_REQUEST_ID_LENGTH);
    }
    return obj as RequestOf<'audience-preview'>;
  },
  'audience-members': (request) => {
    const obj = objectWith(
      'audience-members',
      request,
      ['definition', 'offset', 'limit'],
      ['asOf'],
    );
    definitionObject('audience-members', obj);
    optionalAsOf('audience-members', obj);
    wholeNumber('audience-members', obj, 'offset', 0, 2 ** 32);
    wholeNumber('audience-members', obj, 'limit', 1, MAX_MEMBERS_PAGE);
    return obj as RequestOf<'audience-members'>;
  },
  'audience-explain': (request) => {
    const obj = objectWith('audience-explain', request, ['definition', 'profile'], ['asOf']);
    definitionObject('audience-explain', obj);
    optionalAsOf('audience-explain', obj);
    text('audience-explain', obj, 'profile', MAX_PROFILE_LENGTH, PROFILE_ID);
    return obj as RequestOf<'audience-explain'>;
  },
  // The publish engineer's validators, same rules (shapes, types, sizes; invalid-request).
  ...publishRequestValidators,
};

/** Validates `request` for `channel`, throwing ApiFailure('invalid-request') when malformed. */
export function validateRequest<C extends Channel>(channel: C, request: unknown): RequestOf<C> {
  return (requestValidators[channel] as (r: unknown) => RequestOf<C>)(request);
}
