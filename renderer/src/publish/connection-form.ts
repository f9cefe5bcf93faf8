// The connection form's fields per type and their checks, kept out of the component so they are
// tested on their own. Secrets are typed once; an edit that leaves the secret empty keeps the stored one.
import type {
  ConnectionKind,
  ConnectionSettings,
  ConnectionSummary,
} from '../../../shared/contract/publish-channels';

export interface FieldSpec {
  key: string;
  label: string;
  kind: 'text' | 'url' | 'boolean' | 'select';
  required: boolean;
  options?: string[];
  hint?: string;
}

export interface TypeSpec {
  label: string;
  /** The secret's label, or null when the type needs none. */
  secret: string | null;
  fields: FieldSpec[];
}

export const CONNECTION_TYPES: Record<ConnectionKind, TypeSpec> = {
  meta: {
    label: 'Meta Custom Audiences',
    secret: 'Access token',
    fields: [
      {
        key: 'adAccount',
        label: 'Ad account id',
        kind: 'text',
        required: true,
        hint: 'digits, with or without act_',
      },
      {
        key: 'baseUrl',
        label: 'API base URL',
        kind: 'url',
        required: false,
        hint: 'leave empty for graph.facebook.com',
      },
    ],
  },
  mailchimp: {
    label: 'Mailchimp (static segment of a list)',
    secret: 'API key',
    fields: [
      { key: 'listId', label: 'List (audience) id', kind: 'text', required: true },
      {
        key: 'doubleOptIn',
        label: 'Double opt-in for new members',
        kind: 'boolean',
        required: false,
      },
      {
        key: 'baseUrl',
        label: 'API base URL',
        kind: 'url',
        required: false,
        hint: 'leave empty for the key’s data centre',
      },
    ],
  },
  klaviyo: {
    label: 'Klaviyo (list)',
    secret: 'Private API key',
    fields: [
      { key: 'listId', label: 'List id', kind: 'text', required: true },
      {
        key: 'baseUrl',
        label: 'API base URL',
        kind: 'url',
        required: false,
        hint: 'leave empty for a.klaviyo.com',
      },
    ],
  },
  webhook: {
    label: 'Signed webhook (Standard Webhooks)',
    secret: 'Signing secret (whsec_…)',
    fields: [{ key: 'url', label: 'Endpoint URL', kind: 'url', required: true }],
  },
  file: {
    label: 'File export (joins and leaves)',
    secret: null,
    fields: [
      { key: 'path', label: 'File path', kind: 'text', required: true },
      {
        key: 'format',
        label: 'Format',
        kind: 'select',
        required: true,
        options: ['csv', 'ndjson'],
      },
    ],
  },
};

export interface ConnectionDraft {
  name: string;
  type: ConnectionKind;
  values: Record<string, string | boolean>;
  secret: string;
}

export function emptyDraft(type: ConnectionKind = 'mailchimp'): ConnectionDraft {
  return {
    name: '',
    type,
    values: type === 'mailchimp' ? { doubleOptIn: true } : type === 'file' ? { format: 'csv' } : {},
    secret: '',
  };
}

export function draftOf(c: ConnectionSummary): ConnectionDraft {
  return { name: c.name, type: c.type, values: { ...c.settings }, secret: '' };
}

/** Problems by field key ('name', 'secret' or a setting), empty when the draft can be saved. */
export function draftProblems(
  draft: ConnectionDraft,
  existing: ConnectionSummary | undefined,
): Record<string, string> {
  const problems: Record<string, string> = {};
  const spec = CONNECTION_TYPES[draft.type];
  if (!draft.name.trim()) problems.name = 'Give the connection a name.';
  for (const f of spec.fields) {
    const v = draft.values[f.key];
    const text = typeof v === 'string' ? v.trim() : '';
    if (f.required && f.kind !== 'boolean' && !text) problems[f.key] = `${f.label} is required.`;
    if (f.kind === 'url' && text) {
      try {
        const u = new URL(text);
        if (u.protocol !== 'http:' && u.protocol !== 'https:')
          problems[f.key] = 'Use an http(s) URL.';
      } catch {
        problems[f.key] = 'This is not a URL.';
      }
    }
  }
  if (draft.type === 'meta' && typeof draft.values.adAccount === 'string') {
    const id = draft.values.adAccount.trim().replace(/^act_/, '');
    if (id && !/^\d+$/.test(id)) problems.adAccount = 'The ad account id is digits.';
  }
  const keepsSecret = existing !== undefined && existing.type === draft.type && existing.hasSecret;
  if (spec.secret && !draft.secret && !keepsSecret) problems.secret = `${spec.secret} is required.`;
  return problems;
}

/** The settings sent to main: only this type's fields, empty optional ones left out. */
export function draftSettings(draft: ConnectionDraft): ConnectionSettings {
  const out: ConnectionSettings = {};
  for (const f of CONNECTION_TYPES[draft.type].fields) {
    const v = draft.values[f.key];
    if (f.kind === 'boolean') out[f.key] = v === true;
    else if (typeof v === 'string' && v.trim() !== '') out[f.key] = v.trim();
  }
  return out;
}
