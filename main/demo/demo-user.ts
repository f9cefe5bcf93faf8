// One simulated app user: who they are (the header) and what they did (sessions of events). Each user
// draws from its own PRNG streams, so any user can be regenerated alone and the output depends only on
// (seed, index, users, now).
import { Prng } from './demo-prng';

export const DAY_MS = 86_400_000;
export const DEMO_HISTORY_DAYS = 90;

export const COUNTRIES = ['US', 'CA', 'GB', 'DE', 'FR', 'BR', 'IN', 'ES', 'JP', 'AU'] as const;
const COUNTRY_WEIGHTS = [30, 6, 10, 9, 7, 9, 14, 5, 5, 5];
export const PLANS = ['free', 'pro', 'team'] as const;
export type Plan = (typeof PLANS)[number];
const PLAN_WEIGHTS = [70, 22, 8];
const SCREENS = ['home', 'catalog', 'product', 'cart', 'checkout', 'settings', 'level_select'];
const SCREEN_WEIGHTS = [30, 20, 20, 8, 4, 6, 12];
const SHARE_CHANNELS = ['whatsapp', 'instagram', 'email', 'sms', 'facebook'];
const FIRST_NAMES = ['ana', 'ben', 'chen', 'dara', 'eli', 'fatima', 'gus', 'hana', 'ivan', 'jo'];
const LAST_NAMES = ['silva', 'smith', 'wang', 'muller', 'martin', 'kumar', 'garcia', 'sato'];
const DOMAINS = ['example.com', 'mail.example.org', 'demo.example.net'];
const PRODUCTS = [
  { id: 'sku-coins-s', name: 'Coin pack S', price: 4.75 },
  { id: 'sku-coins-m', name: 'Coin pack M', price: 9.75 },
  { id: 'sku-skin', name: 'Hero skin', price: 19.75 },
  { id: 'sku-season', name: 'Season pass', price: 24.75 },
  { id: 'sku-coins-l', name: 'Coin pack L', price: 49.75 },
  { id: 'sku-bundle', name: 'Mega bundle', price: 99.75 },
] as const;
const PRODUCT_WEIGHTS = [30, 25, 15, 15, 10, 5];

/** Every 50th user installs the app on a second device: user k and k+1 are then one person. */
const PAIR_EVERY = 50;
/** Session times after install are exponential with this mean: engagement decays. */
const DECAY_MEAN_DAYS = 18;
const BUYER_SHARE = 0.1;

export type DemoEventName =
  | 'install'
  | 'session_start'
  | 'session_end'
  | 'screen_view'
  | 'add_to_cart'
  | 'purchase'
  | 'level_complete'
  | 'share';

export interface DemoProduct {
  id: string;
  name: string;
  price: number;
  quantity: number;
}

export interface DemoEvent {
  name: DemoEventName;
  ts: number;
  messageId: string;
  screenName?: string;
  durationMs?: number;
  products?: DemoProduct[];
  totalAmount?: number;
  transactionId?: string;
  level?: number;
  channel?: string;
}

export interface DemoSession {
  start: number;
  events: DemoEvent[];
}

export interface DemoUserHeader {
  index: number;
  /** The person (index of their first device): a pair of devices shares one. */
  person: number;
  role: 'single' | 'primary' | 'secondary';
  mpid: string;
  platform: 'iOS' | 'Android';
  advertisingId: string;
  vendorId: string;
  country: string;
  plan: Plan;
  installAt: number;
  customerId?: string;
  email?: string;
  buyer: boolean;
  /** Mean number of sessions drawn before the decay cut-off. */
  sessionMean: number;
}

export interface DemoUser {
  header: DemoUserHeader;
  sessions: DemoSession[];
  /** Index into sessions of the session where the user signs up (identities sent from then on). */
  signupSession: number | undefined;
  purchaseTotal: number;
}

export function customerIdOf(index: number): string {
  return String(1_000_000 + index);
}

export function demoUserHeader(seed: string, index: number, users: number, now: number) {
  const r = new Prng(`${seed}/user/${index}`);
  const isPrimary = index % PAIR_EVERY === 0 && index + 1 < users;
  const isSecondary = index % PAIR_EVERY === 1;
  const platform = r.chance(0.55) ? 'iOS' : 'Android';
  // Limit Ad Tracking: iOS then reports an all-zero advertising id (dropped by the importer).
  const advertisingId =
    platform === 'iOS' && r.chance(0.25) ? '00000000-0000-0000-0000-000000000000' : r.uuid();
  const vendorId = r.uuid();
  // Top bits set so mpids exceed 2^53 (exact text matters); the low word is the index: unique.
  const hi = (r.uint32() >>> 2) | 0x20000000;
  const mpid = ((BigInt(hi) << 32n) | BigInt(index)).toString();
  let country: string = r.weighted(COUNTRIES, COUNTRY_WEIGHTS);
  let plan: Plan = r.weighted(PLANS, PLAN_WEIGHTS);
  const installAt = Math.floor(now - 60_000 - r.next() * (DEMO_HISTORY_DAYS * DAY_MS - 120_000));
  const signsUp = isPrimary || (!isSecondary && r.chance(0.6));
  const first = r.pick(FIRST_NAMES);
  const last = r.pick(LAST_NAMES);
  const domain = r.pick(DOMAINS);
  const hasEmail = isSecondary || (signsUp && r.chance(0.7));
  const buyer = r.chance(BUYER_SHARE);
  const sessionMean = 1 + r.exp(17.7);
  if (isSecondary) {
    // The same person on a second device: same country and plan (attributes agree, whatever
    // order the importer merges them in).
    const primary = demoUserHeader(seed, index - 1, users, now);
    country = primary.country;
    plan = primary.plan;
  }
  const header: DemoUserHeader = {
    index,
    person: isSecondary ? index - 1 : index,
    role: isPrimary ? 'primary' : isSecondary ? 'secondary' : 'single',
    mpid,
    platform,
    advertisingId,
    vendorId,
    country,
    plan,
    installAt,
    buyer,
    sessionMean,
    ...(signsUp ? { customerId: customerIdOf(index) } : {}),
    ...(hasEmail ? { email: `${first}.${last}${index}@${domain}` } : {}),
  };
  return header;
}

function pickProduct(r: Prng): DemoProduct {
  const p = r.weighted(PRODUCTS, PRODUCT_WEIGHTS);
  return { id: p.id, name: p.name, price: p.price, quantity: r.weighted([1, 2, 3], [80, 15, 5]) };
}

function amountOf(products: DemoProduct[]): number {
  // Prices are multiples of 0.25, so these sums are exact in binary floating point.
  let total = 0;
  for (const p of products) total += p.price * p.quantity;
  return total;
}

function sessionEvents(
  r: Prng,
  h: DemoUserHeader,
  start: number,
  first: boolean,
  state: { level: number },
): DemoEvent[] {
  const duration = Math.floor(20_000 + r.exp(300_000));
  const at = () => start + 1 + Math.floor(r.next() * duration);
  const events: DemoEvent[] = [{ name: 'session_start', ts: start, messageId: r.uuid() }];
  if (first) events.push({ name: 'install', ts: start + 1, messageId: r.uuid() });
  const views = r.weighted([0, 1, 2, 3, 4], [20, 45, 20, 10, 5]);
  for (let i = 0; i < views; i++) {
    const screenName = r.weighted(SCREENS, SCREEN_WEIGHTS);
    events.push({ name: 'screen_view', ts: at(), messageId: r.uuid(), screenName });
  }
  if (r.chance(0.23)) {
    const products = [pickProduct(r)];
    const totalAmount = amountOf(products);
    events.push({ name: 'add_to_cart', ts: at(), messageId: r.uuid(), products, totalAmount });
  }
  if (r.chance(h.buyer ? 0.15 : 0.006)) {
    const products = [pickProduct(r)];
    if (r.chance(0.2)) products.push(pickProduct(r));
    const totalAmount = amountOf(products);
    const transactionId = `T-${r.uuid().slice(0, 13)}`;
    events.push({
      name: 'purchase',
      ts: at(),
      messageId: r.uuid(),
      products,
      totalAmount,
      transactionId,
    });
  }
  if (r.chance(0.05)) {
    events.push({ name: 'level_complete', ts: at(), messageId: r.uuid(), level: state.level++ });
  }
  if (r.chance(0.013)) {
    events.push({ name: 'share', ts: at(), messageId: r.uuid(), channel: r.pick(SHARE_CHANNELS) });
  }
  // Kept to a minority of sessions (those the SDK closed while it could still upload) so the
  // average stays near 40 events per user.
  if (r.chance(0.2)) {
    events.push({
      name: 'session_end',
      ts: start + duration + 1,
      messageId: r.uuid(),
      durationMs: duration,
    });
  }
  events.sort((a, b) => a.ts - b.ts);
  return events;
}

/** Generates one user's whole history; every event is strictly before `now`. */
export function generateDemoUser(
  seed: string,
  index: number,
  users: number,
  now: number,
): DemoUser {
  const header = demoUserHeader(seed, index, users, now);
  const r = new Prng(`${seed}/events/${index}`);
  const drawn = 1 + Math.floor(r.exp(header.sessionMean - 1));
  const starts = [header.installAt];
  for (let i = 1; i < drawn; i++) {
    const t = Math.floor(header.installAt + r.exp(DECAY_MEAN_DAYS * DAY_MS));
    // Room for the longest session (its session_end) before now.
    if (t < now - 4 * 3_600_000) starts.push(t);
  }
  starts.sort((a, b) => a - b);
  const state = { level: 1 };
  const sessions: DemoSession[] = [];
  let purchaseTotal = 0;
  let prevEnd = -Infinity;
  for (let i = 0; i < starts.length; i++) {
    // Sessions never overlap: a session starting before the last one ended is pushed after it.
    const start = Math.max(starts[i]!, prevEnd + 60_000);
    if (i > 0 && start >= now - 4 * 3_600_000) break;
    const events = sessionEvents(r, header, start, i === 0, state).filter((e) => e.ts < now);
    for (const e of events) if (e.name === 'purchase') purchaseTotal += e.totalAmount!;
    prevEnd = events[events.length - 1]!.ts;
    sessions.push({ start, events });
  }
  let signupSession: number | undefined;
  if (header.role === 'secondary') signupSession = 0;
  else if (header.customerId !== undefined)
    signupSession = r.chance(0.5) ? 0 : r.int(0, sessions.length - 1);
  return { header, sessions, signupSession, purchaseTotal };
}
