import { startStandIn, type StandIn, type StandInReply } from './stand-in-server';

// Klaviyo's API as integrations.md documents it: Klaviyo-API-Key auth, a revision header, JSON:API
// bodies, profile upsert by email / phone / external id, list relationships of at most 1,000.

export interface KlaviyoStandIn extends StandIn {
  profiles: Map<string, { email?: string; phone_number?: string; external_id?: string }>;
  lists: Map<string, Set<string>>;
  /** The emails of a list's members, sorted. */
  listEmails(listId: string): string[];
}

function errors(status: number, code: string, title: string, detail: string): StandInReply {
  return {
    status,
    json: {
      errors: [
        { id: `e-${Date.now()}`, status, code, title, detail, source: { pointer: '/data' } },
      ],
    },
  };
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export async function startKlaviyoStandIn(
  apiKey: string,
  listIds: string[],
): Promise<KlaviyoStandIn> {
  const profiles = new Map<
    string,
    { email?: string; phone_number?: string; external_id?: string }
  >();
  const lists = new Map(listIds.map((id) => [id, new Set<string>()]));
  let next = 1;
  const standIn = await startStandIn((req) => {
    if (req.headers.authorization !== `Klaviyo-API-Key ${apiKey}`) {
      return errors(
        401,
        'not_authenticated',
        'Authentication credentials were not provided.',
        'Missing or invalid private key.',
      );
    }
    if (!req.headers.revision)
      return errors(400, 'invalid', 'Invalid input.', 'The revision header is required.');
    if (
      req.method !== 'GET' &&
      !String(req.headers['content-type']).startsWith('application/vnd.api+json')
    ) {
      return errors(
        415,
        'unsupported_media_type',
        'Unsupported media type',
        'Use application/vnd.api+json',
      );
    }
    const body = req.json as { data?: unknown } | undefined;
    if (req.path === '/api/profile-import' && req.method === 'POST') {
      const data = body?.data as
        { type?: string; attributes?: Record<string, unknown> } | undefined;
      const a = data?.attributes ?? {};
      if (data?.type !== 'profile')
        return errors(400, 'invalid', 'Invalid input.', 'data.type must be "profile"');
      if (!a.email && !a.phone_number && !a.external_id) {
        return errors(
          400,
          'invalid',
          'Invalid input.',
          'One of email, phone_number or external_id is required.',
        );
      }
      if (a.email !== undefined && !EMAIL.test(String(a.email))) {
        return errors(
          400,
          'invalid',
          'Invalid input.',
          `Invalid email address: ${String(a.email)}`,
        );
      }
      if (a.phone_number !== undefined && !/^\+\d{8,15}$/.test(String(a.phone_number))) {
        return errors(
          400,
          'invalid',
          'Invalid input.',
          'Invalid phone number format (E.164 expected).',
        );
      }
      const match = [...profiles].find(
        ([, p]) =>
          (a.email && p.email === a.email) || (a.external_id && p.external_id === a.external_id),
      );
      const attrs = {
        email: a.email as string | undefined,
        phone_number: a.phone_number as string | undefined,
        external_id: a.external_id as string | undefined,
      };
      if (match) {
        profiles.set(match[0], { ...match[1], ...attrs });
        return {
          status: 200,
          json: { data: { type: 'profile', id: match[0], attributes: attrs } },
        };
      }
      const id = `01K${String(next++).padStart(23, '0')}`;
      profiles.set(id, attrs);
      return { status: 201, json: { data: { type: 'profile', id, attributes: attrs } } };
    }
    const m = /^\/api\/lists\/([^/]+)(\/relationships\/profiles)?$/.exec(req.path);
    if (m) {
      const list = lists.get(decodeURIComponent(m[1]!));
      if (!list) return errors(404, 'not_found', 'Not found.', `List ${m[1]} does not exist.`);
      if (!m[2] && req.method === 'GET')
        return {
          status: 200,
          json: { data: { type: 'list', id: m[1], attributes: { name: 'Stand-in list' } } },
        };
      if (m[2] && (req.method === 'POST' || req.method === 'DELETE')) {
        const data = body?.data;
        if (!Array.isArray(data))
          return errors(400, 'invalid', 'Invalid input.', 'data must be an array');
        if (data.length > 1000)
          return errors(
            400,
            'invalid',
            'Invalid input.',
            `At most 1000 profiles per request, got ${data.length}`,
          );
        for (const r of data as Array<{ type?: string; id?: string }>) {
          if (r.type !== 'profile' || !r.id || !profiles.has(r.id)) {
            return errors(400, 'invalid', 'Invalid input.', `Unknown profile ${String(r.id)}`);
          }
        }
        for (const r of data as Array<{ id: string }>) {
          if (req.method === 'POST') list.add(r.id);
          else list.delete(r.id);
        }
        return { status: 204 };
      }
    }
    return errors(404, 'not_found', 'Not found.', `No route ${req.method} ${req.path}`);
  });
  return Object.assign(standIn, {
    profiles,
    lists,
    listEmails(listId: string) {
      return [...(lists.get(listId) ?? [])]
        .map((id) => profiles.get(id)?.email ?? `(no email: ${id})`)
        .sort();
    },
  });
}
