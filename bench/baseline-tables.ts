// The baselines' data: the same people and events as the demo workspace, as a developer would first
// store them (one row per event, properties as JSON text) in a plain SQLite file, and as an analyst
// would load them into DuckDB. Built from the generator's users directly (not from our cache), so an
// importer mistake would show up as a count mismatch.
//
// The generator makes one user's whole history at a time, but a real events table fills in arrival
// order. Inserting user by user would scatter every time window over the whole file and make the
// SQLite baseline pay for a layout no real table has, so events are bucketed by day on the way in
// and inserted in time order.
import Database from 'better-sqlite3';
import { DuckDBInstance } from '@duckdb/node-api';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { stmt } from '../main/cache/statement-cache';
import { BufferedFileWriter } from '../main/demo/buffered-file-writer';
import { demoCrmRow, demoEventProperties, demoLeadRow } from '../main/demo/demo-batches';
import { DAY_MS, demoUserHeader, type DemoUser } from '../main/demo/demo-user';

const PLAIN_SCHEMA = `
CREATE TABLE users (id INTEGER PRIMARY KEY, country TEXT, plan TEXT, signup_date TEXT,
  lifetime_value REAL, crm_segment TEXT);
CREATE TABLE identities (user_id INTEGER NOT NULL, type TEXT NOT NULL, value TEXT NOT NULL,
  PRIMARY KEY (user_id, type, value)) WITHOUT ROWID;
CREATE TABLE events (user_id INTEGER NOT NULL, name TEXT NOT NULL, ts INTEGER NOT NULL, props TEXT);
`;
// The index a developer adds for "who did this event in this window": it answers the queries that
// do not read properties without touching the table.
const PLAIN_INDEXES = `CREATE INDEX events_by_name_ts ON events (name, ts, user_id);`;
/** Rows per SQLite transaction while loading. */
const ROWS_PER_COMMIT = 200_000;

const isAllZero = (id: string) => /^[0-]*$/.test(id);
const bucketName = (day: number) => `events-${String(day).padStart(6, '0')}.tsv`;

interface UserRow {
  id: number;
  country: string | null;
  plan: string | null;
  signupDate: string | null;
  lifetimeValue: number | null;
  segment: string | null;
}

/**
 * Receives the generator's users and writes the plain SQLite tables and tab-separated files for
 * DuckDB (events in one file per day). A person's second device arrives right after the first.
 */
export class BaselineSink {
  private readonly db: Database.Database;
  private readonly tsv: Record<'users' | 'identities', BufferedFileWriter>;
  private readonly days = new Map<number, BufferedFileWriter>();
  private pendingUsers = 0;
  private open = true;
  events = 0;

  constructor(
    readonly sqlitePath: string,
    private readonly tsvDir: string,
    private readonly seed: string,
    private readonly usersTotal: number,
    private readonly now: number,
  ) {
    this.db = new Database(sqlitePath);
    this.db.pragma('journal_mode = OFF');
    this.db.pragma('synchronous = OFF');
    this.db.exec(PLAIN_SCHEMA);
    this.tsv = {
      users: new BufferedFileWriter(path.join(tsvDir, 'users.tsv')),
      identities: new BufferedFileWriter(path.join(tsvDir, 'identities.tsv')),
    };
    this.db.exec('BEGIN');
  }

  private user(r: UserRow): void {
    stmt(this.db, 'INSERT INTO users VALUES (?, ?, ?, ?, ?, ?)').run(
      r.id,
      r.country,
      r.plan,
      r.signupDate,
      r.lifetimeValue,
      r.segment,
    );
    const cell = (v: string | number | null) => (v === null ? '\\N' : String(v));
    this.tsv.users.write(
      `${[r.id, r.country, r.plan, r.signupDate, r.lifetimeValue, r.segment].map(cell).join('\t')}\n`,
    );
  }

  private identity(userId: number, type: string, value: string): void {
    const res = stmt(this.db, 'INSERT OR IGNORE INTO identities VALUES (?, ?, ?)').run(
      userId,
      type,
      value,
    );
    if (res.changes > 0) this.tsv.identities.write(`${userId}\t${type}\t${value}\n`);
  }

  private dayFile(ts: number): BufferedFileWriter {
    const day = Math.floor(ts / DAY_MS);
    let w = this.days.get(day);
    if (!w) {
      // Many files are open at once: a smaller buffer each keeps memory flat.
      w = new BufferedFileWriter(path.join(this.tsvDir, bucketName(day)), 1 << 18);
      this.days.set(day, w);
    }
    return w;
  }

  add(u: DemoUser): void {
    const h = u.header;
    const person = h.person;
    if (h.role !== 'secondary') {
      const second =
        h.role === 'primary'
          ? demoUserHeader(this.seed, h.index + 1, this.usersTotal, this.now).email
          : undefined;
      const crm = demoCrmRow(this.seed, u, second, this.now);
      const signup = u.signupSession !== undefined ? u.sessions[u.signupSession]!.start : undefined;
      this.user({
        id: person,
        country: h.country,
        plan: h.plan,
        signupDate: signup !== undefined ? new Date(signup).toISOString().slice(0, 10) : null,
        lifetimeValue: crm ? Number(crm.lifetimeValue) : null,
        segment: crm?.segment ?? null,
      });
      if (crm?.email) this.identity(person, 'email', crm.email.trim().toLowerCase());
    }
    this.identity(person, 'mpid', h.mpid);
    if (h.customerId) this.identity(person, 'customer_id', h.customerId);
    if (h.email) this.identity(person, 'email', h.email);
    const ad = h.platform === 'iOS' ? 'ios_advertising_id' : 'android_advertising_id';
    if (!isAllZero(h.advertisingId.replace(/-/g, '')))
      this.identity(person, ad, h.advertisingId.toLowerCase());
    this.identity(
      person,
      h.platform === 'iOS' ? 'ios_idfv' : 'android_uuid',
      h.vendorId.toLowerCase(),
    );
    for (const s of u.sessions) {
      for (const e of s.events) {
        const props = JSON.stringify(demoEventProperties(e));
        this.dayFile(e.ts).write(`${person}\t${e.name}\t${e.ts}\t${props}\n`);
        this.events++;
      }
    }
    if (++this.pendingUsers >= 2000) {
      this.db.exec('COMMIT; BEGIN');
      this.pendingUsers = 0;
    }
  }

  /** Adds the CRM leads (people without app events) and closes the tab-separated files. */
  finishFiles(): void {
    if (!this.open) return;
    const leads = Math.floor(this.usersTotal / 100);
    for (let k = 0; k < leads; k++) {
      const row = demoLeadRow(this.seed, k, this.usersTotal, this.now);
      const id = this.usersTotal + k;
      this.user({
        id,
        country: null,
        plan: row.plan,
        signupDate: null,
        lifetimeValue: Number(row.lifetimeValue),
        segment: row.segment,
      });
      this.identity(id, 'customer_id', row.customerId);
      if (row.email) this.identity(id, 'email', row.email.trim().toLowerCase());
    }
    this.db.exec('COMMIT');
    for (const w of [...Object.values(this.tsv), ...this.days.values()]) w.close();
    this.open = false;
  }

  /** Inserts the events day by day in time order, then indexes them. Returns the rows inserted. */
  loadSqliteEvents(): number {
    this.finishFiles();
    const insert = stmt(this.db, 'INSERT INTO events VALUES (?, ?, ?, ?)');
    let rows = 0;
    this.db.exec('BEGIN');
    for (const day of [...this.days.keys()].sort((a, b) => a - b)) {
      const lines = readFileSync(path.join(this.tsvDir, bucketName(day)), 'utf8').split('\n');
      lines.pop(); // the text ends with a newline
      const cols = lines.map((line) => {
        const a = line.indexOf('\t');
        const b = line.indexOf('\t', a + 1);
        const c = line.indexOf('\t', b + 1);
        return {
          user: Number(line.slice(0, a)),
          name: line.slice(a + 1, b),
          ts: Number(line.slice(b + 1, c)),
          props: line.slice(c + 1),
        };
      });
      // Stable: equal times keep the generator's order, so the file is the same every build.
      cols.sort((x, y) => x.ts - y.ts);
      for (const e of cols) {
        insert.run(e.user, e.name, e.ts, e.props);
        if (++rows % ROWS_PER_COMMIT === 0) this.db.exec('COMMIT; BEGIN');
      }
    }
    this.db.exec('COMMIT');
    this.db.exec(PLAIN_INDEXES);
    this.db.close();
    return rows;
  }

  /** Loads the tab-separated files into a new DuckDB database file. */
  async loadDuckDb(duckPath: string): Promise<void> {
    this.finishFiles();
    const instance = await DuckDBInstance.create(duckPath);
    const c = await instance.connect();
    try {
      const read = (file: string, columns: string) =>
        `read_csv('${path.join(this.tsvDir, file).replace(/'/g, "''")}', delim = '\t', ` +
        `quote = '', escape = '', header = false, nullstr = '\\N', columns = {${columns}})`;
      // File paths are our own cache folder: table functions take no bound parameters here.
      await c.run(
        `CREATE TABLE users AS SELECT * FROM ${read('users.tsv', "'id': 'INTEGER', 'country': 'VARCHAR', 'plan': 'VARCHAR', 'signup_date': 'VARCHAR', 'lifetime_value': 'DOUBLE', 'crm_segment': 'VARCHAR'")}`,
      );
      await c.run(
        `CREATE TABLE identities AS SELECT * FROM ${read('identities.tsv', "'user_id': 'INTEGER', 'type': 'VARCHAR', 'value': 'VARCHAR'")}`,
      );
      await c.run(
        `CREATE TABLE events AS SELECT * FROM ${read('events-*.tsv', "'user_id': 'INTEGER', 'name': 'VARCHAR', 'ts': 'BIGINT', 'props': 'VARCHAR'")}`,
      );
      await c.run('CHECKPOINT');
    } finally {
      c.closeSync();
      instance.closeSync();
    }
  }
}
