import { startStandIn, type StandIn, type StandInReply } from './stand-in-server';

// Meta's Marketing API for custom audiences as integrations.md documents it: Bearer token (or
// access_token), create, add and remove users in at most 10,000 rows (JSON or form-encoded payload),
// lookalikes, and Graph error bodies.

export interface MetaAudience {
  name: string;
  subtype: 'CUSTOM' | 'LOOKALIKE';
  adAccount: string;
  /** One entry per member row: the row's values joined by "|" in schema order. */
  rows: Set<string>;
  lookalike?: { origin: string; country: string; ratio: number };
  /** Rows added while already present (a batch applied twice). */
  repeatedAdds: number;
}

export interface MetaStandIn extends StandIn {
  audiences: Map<string, MetaAudience>;
}

function graphError(status: number, message: string, code: number, subcode?: number): StandInReply {
  return {
    status,
    json: {
      error: {
        message,
        type: 'OAuthException',
        code,
        ...(subcode ? { error_subcode: subcode } : {}),
        fbtrace_id: 'AstandIn',
      },
    },
  };
}

const HASHED = /^[0-9a-f]{64}$/;
const KNOWN_KEYS = new Set([
  'EMAIL',
  'PHONE',
  'MADID',
  'EXTERN_ID',
  'FN',
  'LN',
  'CT',
  'ST',
  'ZIP',
  'COUNTRY',
  'GEN',
  'DOBY',
]);
const SINGLE_KEYS = new Set(['EMAIL_SHA256', 'PHONE_SHA256', 'MOBILE_ADVERTISER_ID']);
const UNHASHED = new Set(['MADID', 'EXTERN_ID', 'MOBILE_ADVERTISER_ID']);

function checkPayload(payload: unknown): { rows: string[] } | StandInReply {
  const p = payload as { schema?: unknown; data?: unknown } | undefined;
  if (!p || p.schema === undefined || !Array.isArray(p.data)) {
    return graphError(400, '(#100) The parameter payload is required with schema and data', 100);
  }
  const schema = Array.isArray(p.schema) ? (p.schema as unknown[]) : [p.schema];
  for (const key of schema) {
    const ok = Array.isArray(p.schema) ? KNOWN_KEYS.has(String(key)) : SINGLE_KEYS.has(String(key));
    if (!ok) return graphError(400, `(#100) Invalid schema key: ${String(key)}`, 100);
  }
  if (p.data.length > 10_000) {
    return graphError(
      400,
      `(#100) Too many rows: ${p.data.length}; at most 10000 per request`,
      100,
    );
  }
  const rows: string[] = [];
  for (const raw of p.data as unknown[]) {
    const row = Array.isArray(p.schema) ? raw : [raw];
    if (!Array.isArray(row) || row.length !== schema.length) {
      return graphError(400, '(#100) Each data row must have one value per schema key', 100);
    }
    row.forEach((v, i) => {
      const key = String(schema[i]);
      if (v !== '' && !UNHASHED.has(key) && !HASHED.test(String(v))) {
        throw new Error(`${key} must be SHA-256 hex, got ${String(v)}`);
      }
    });
    rows.push(row.join('|'));
  }
  return { rows };
}

export async function startMetaStandIn(token: string, adAccount: string): Promise<MetaStandIn> {
  const audiences = new Map<string, MetaAudience>();
  let nextId = 23850000000000;
  const standIn = await startStandIn((req) => {
    const body = (req.json ?? {}) as Record<string, unknown>;
    const bearer = req.headers.authorization?.replace(/^Bearer /, '');
    const given =
      bearer ?? req.query.get('access_token') ?? (body.access_token as string | undefined);
    if (given !== token)
      return graphError(401, 'Invalid OAuth access token - Cannot parse access token', 190);

    const act = /^\/v\d+\.\d+\/act_(\d+)(\/customaudiences)?$/.exec(req.path);
    if (act) {
      if (act[1] !== adAccount)
        return graphError(
          400,
          `(#100) Ad account ${act[1]} does not exist or you have no access`,
          100,
        );
      if (!act[2] && req.method === 'GET')
        return { status: 200, json: { id: `act_${adAccount}`, name: 'Stand-in ads' } };
      if (act[2] && req.method === 'POST') {
        if (typeof body.name !== 'string')
          return graphError(400, '(#100) The parameter name is required', 100);
        if (body.subtype === 'CUSTOM') {
          if (
            body.customer_file_source !== 'USER_PROVIDED_ONLY' &&
            body.customer_file_source !== undefined
          ) {
            return graphError(400, '(#100) Invalid customer_file_source', 100);
          }
        } else if (body.subtype === 'LOOKALIKE') {
          const spec = body.lookalike_spec as
            { type?: string; country?: string; ratio?: number } | undefined;
          const origin = audiences.get(String(body.origin_audience_id));
          if (!origin)
            return graphError(
              400,
              '(#100) origin_audience_id is not a custom audience of this account',
              100,
            );
          if (
            !spec ||
            spec.type !== 'similarity' ||
            !/^[A-Z]{2}$/.test(spec.country ?? '') ||
            !(Number(spec.ratio) >= 0.01 && Number(spec.ratio) <= 0.2)
          ) {
            return graphError(
              400,
              '(#100) lookalike_spec needs type similarity, a country and a ratio from 0.01 to 0.20',
              100,
            );
          }
          const id = String(nextId++);
          audiences.set(id, {
            name: body.name,
            subtype: 'LOOKALIKE',
            adAccount,
            rows: new Set(),
            lookalike: {
              origin: String(body.origin_audience_id),
              country: spec.country!,
              ratio: Number(spec.ratio),
            },
            repeatedAdds: 0,
          });
          return { status: 200, json: { id } };
        } else return graphError(400, '(#100) subtype must be CUSTOM or LOOKALIKE', 100);
        const id = String(nextId++);
        audiences.set(id, {
          name: body.name,
          subtype: 'CUSTOM',
          adAccount,
          rows: new Set(),
          repeatedAdds: 0,
        });
        return { status: 200, json: { id } };
      }
    }

    const users = /^\/v\d+\.\d+\/(\d+)\/users$/.exec(req.path);
    if (users && (req.method === 'POST' || req.method === 'DELETE')) {
      const audience = audiences.get(users[1]!);
      if (!audience || audience.subtype !== 'CUSTOM')
        return graphError(
          400,
          `(#100) Unsupported request: object ${users[1]} does not exist`,
          100,
        );
      let checked: { rows: string[] } | StandInReply;
      try {
        checked = checkPayload(body.payload);
      } catch (e) {
        return graphError(400, `(#100) ${(e as Error).message}`, 100);
      }
      if ('status' in checked) return checked;
      for (const row of checked.rows) {
        if (req.method === 'POST') {
          if (audience.rows.has(row)) audience.repeatedAdds++;
          audience.rows.add(row);
        } else audience.rows.delete(row);
      }
      const session = body.session as { session_id?: number } | undefined;
      return {
        status: 200,
        json: {
          audience_id: users[1],
          session_id: session?.session_id ?? 0,
          num_received: checked.rows.length,
          num_invalid_entries: 0,
          invalid_entry_samples: {},
        },
      };
    }
    return graphError(400, `(#803) Unknown path ${req.method} ${req.path}`, 803);
  });
  return Object.assign(standIn, { audiences });
}
