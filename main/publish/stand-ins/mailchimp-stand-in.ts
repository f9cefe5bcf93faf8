import { startStandIn, type StandIn, type StandInReply } from './stand-in-server';

// Mailchimp Marketing API v3 as integrations.md documents it: Basic auth with the API key as
// password, batch upsert of at most 500 members (200 with per-member errors), static segments with
// at most 500 additions and 500 removals per call, problem+json errors.

export interface MailchimpState {
  /** list id -> email -> status */
  lists: Map<string, Map<string, string>>;
  segments: Map<string, { listId: string; name: string; members: Set<string> }>;
  /** How many times each email was added to a segment while already in it (a batch applied twice). */
  repeatedSegmentAdds: number;
}

export interface MailchimpStandIn extends StandIn {
  state: MailchimpState;
  /** The members of the list's only static segment of that name. */
  segmentMembers(name: string): string[];
}

function problem(status: number, title: string, detail: string): StandInReply {
  return {
    status,
    headers: { 'content-type': 'application/problem+json' },
    json: {
      type: 'https://mailchimp.com/developer/marketing/docs/errors/',
      title,
      status,
      detail,
      instance: '',
    },
  };
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export async function startMailchimpStandIn(
  apiKey: string,
  listIds: string[],
): Promise<MailchimpStandIn> {
  const state: MailchimpState = {
    lists: new Map(listIds.map((id) => [id, new Map()])),
    segments: new Map(),
    repeatedSegmentAdds: 0,
  };
  let nextSegment = 1000;
  const standIn = await startStandIn((req) => {
    const auth = req.headers.authorization ?? '';
    const decoded = auth.startsWith('Basic ')
      ? Buffer.from(auth.slice(6), 'base64').toString('utf8')
      : '';
    if (decoded.slice(decoded.indexOf(':') + 1) !== apiKey || !decoded.includes(':')) {
      return problem(
        401,
        'API Key Invalid',
        "Your API key may be invalid, or you've attempted to access the wrong datacenter.",
      );
    }
    const m = /^\/3\.0\/lists\/([^/]+)(?:\/segments(?:\/([^/]+))?)?$/.exec(req.path);
    if (!m) return problem(404, 'Resource Not Found', `no route ${req.method} ${req.path}`);
    const listId = decodeURIComponent(m[1]!);
    const list = state.lists.get(listId);
    if (!list)
      return problem(404, 'Resource Not Found', 'The requested resource could not be found.');
    const isSegments = req.path.includes('/segments');
    const body = req.json as Record<string, unknown> | undefined;

    if (!isSegments && req.method === 'GET')
      return { status: 200, json: { id: listId, name: `List ${listId}` } };

    if (!isSegments && req.method === 'POST') {
      const members = body?.members;
      if (!Array.isArray(members) || typeof body?.update_existing !== 'boolean') {
        return problem(400, 'Invalid Resource', 'members (array) and update_existing are required');
      }
      if (members.length > 500) {
        return problem(
          400,
          'Invalid Resource',
          `at most 500 members per call, got ${members.length}`,
        );
      }
      const out = {
        new_members: [] as unknown[],
        updated_members: [] as unknown[],
        errors: [] as unknown[],
      };
      for (const raw of members as Array<Record<string, unknown>>) {
        const email = String(raw.email_address ?? '').toLowerCase();
        const status = raw.status_if_new ?? raw.status;
        if (!EMAIL.test(email) || (status !== 'subscribed' && status !== 'pending')) {
          out.errors.push({
            email_address: raw.email_address,
            error: `${String(raw.email_address)} looks fake or invalid, please enter a real email address.`,
            error_code: 'ERROR_GENERIC',
          });
          continue;
        }
        if (list.has(email)) {
          // Existing members keep their status (status_if_new applies only to new ones).
          out.updated_members.push({ email_address: email, status: list.get(email) });
        } else {
          list.set(email, String(status));
          out.new_members.push({ email_address: email, status });
        }
      }
      return {
        status: 200,
        json: {
          ...out,
          total_created: out.new_members.length,
          total_updated: out.updated_members.length,
          error_count: out.errors.length,
        },
      };
    }

    if (isSegments && !m[2] && req.method === 'POST') {
      if (typeof body?.name !== 'string' || !Array.isArray(body.static_segment)) {
        return problem(400, 'Invalid Resource', 'name and static_segment are required');
      }
      const id = String(nextSegment++);
      state.segments.set(id, { listId, name: body.name, members: new Set() });
      return {
        status: 200,
        json: { id: Number(id), name: body.name, member_count: 0, type: 'static', list_id: listId },
      };
    }

    if (isSegments && m[2] && req.method === 'POST') {
      const seg = state.segments.get(decodeURIComponent(m[2]));
      if (!seg || seg.listId !== listId)
        return problem(404, 'Resource Not Found', 'The requested segment was not found.');
      const add = (body?.members_to_add ?? []) as unknown;
      const remove = (body?.members_to_remove ?? []) as unknown;
      if (!Array.isArray(add) || !Array.isArray(remove)) {
        return problem(
          400,
          'Invalid Resource',
          'members_to_add and members_to_remove must be arrays',
        );
      }
      if (add.length > 500 || remove.length > 500) {
        return problem(
          400,
          'Invalid Resource',
          'at most 500 members to add and 500 to remove per call',
        );
      }
      const added: unknown[] = [];
      const removed: unknown[] = [];
      const errors: unknown[] = [];
      for (const e of add as string[]) {
        const email = String(e).toLowerCase();
        if (!list.has(email)) {
          errors.push({
            email_addresses: [email],
            error: 'Email address is not subscribed to the list',
          });
          continue;
        }
        if (seg.members.has(email)) state.repeatedSegmentAdds++;
        seg.members.add(email);
        added.push({ email_address: email });
      }
      for (const e of remove as string[]) {
        const email = String(e).toLowerCase();
        if (seg.members.delete(email)) removed.push({ email_address: email });
        else
          errors.push({ email_addresses: [email], error: 'Email address is not in the segment' });
      }
      return {
        status: 200,
        json: {
          members_added: added,
          members_removed: removed,
          errors,
          total_added: added.length,
          total_removed: removed.length,
          error_count: errors.length,
        },
      };
    }
    return problem(405, 'Method Not Allowed', `${req.method} is not allowed on ${req.path}`);
  });
  return Object.assign(standIn, {
    state,
    segmentMembers(name: string): string[] {
      const seg = [...state.segments.values()].filter((s) => s.name === name);
      if (seg.length !== 1)
        throw new Error(`expected one segment named ${name}, found ${seg.length}`);
      return [...seg[0]!.members].sort();
    },
  });
}
