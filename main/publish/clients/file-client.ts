import {
  accessSync,
  closeSync,
  constants,
  existsSync,
  fsyncSync,
  openSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import type {
  BatchContext,
  BatchMember,
  BatchOutcome,
  FileConfig,
  PartnerClient,
  SentIdentifiers,
} from '../publish-types';

// File export: appends each publish's joins and leaves. Every line names its run and batch, so a
// batch written again after a crash (before its acknowledgement was recorded) can be recognised.

const CSV_HEADER = 'change,profile,identity_type,identity_value,audience,run,batch\n';

function csvCell(v: string): string {
  return /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export class FileClient implements PartnerClient {
  readonly type = 'file' as const;
  readonly maxBatch = 10_000;
  readonly identifierNote = 'every identity of the member, as stored';
  readonly matchable = 'everyone' as const;

  constructor(private readonly config: FileConfig) {}

  identifiersFor(identities: Record<string, string[]>): SentIdentifiers | null {
    const sent: SentIdentifiers = {};
    for (const [type, values] of Object.entries(identities)) if (values.length) sent[type] = values;
    return sent;
  }

  async test(): Promise<void> {
    const dir = path.dirname(path.resolve(this.config.path));
    try {
      accessSync(dir, constants.W_OK);
    } catch {
      throw new Error(`cannot write to the folder ${dir}`);
    }
  }

  async prepare(): Promise<string | null> {
    return null;
  }

  private lines(change: 'join' | 'leave', members: BatchMember[], ctx: BatchContext): string {
    let out = '';
    for (const m of members) {
      if (this.config.format === 'ndjson') {
        out +=
          JSON.stringify({
            change,
            profile: String(m.profile),
            identities: m.sent,
            audience: ctx.audienceId,
            run: ctx.runId,
            batch: ctx.seq,
          }) + '\n';
        continue;
      }
      const pairs: Array<[string, string]> = [];
      for (const [type, v] of Object.entries(m.sent)) {
        for (const value of Array.isArray(v) ? v : [v]) pairs.push([type, value]);
      }
      if (pairs.length === 0) pairs.push(['', '']);
      for (const [type, value] of pairs) {
        out +=
          [
            change,
            String(m.profile),
            type,
            value,
            ctx.audienceId,
            String(ctx.runId),
            String(ctx.seq),
          ]
            .map(csvCell)
            .join(',') + '\n';
      }
    }
    return out;
  }

  private append(text: string): void {
    const isNew = !existsSync(this.config.path);
    const fd = openSync(this.config.path, 'a');
    try {
      if (isNew && this.config.format === 'csv') writeSync(fd, CSV_HEADER);
      writeSync(fd, text);
      // On disk before the batch counts as delivered.
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }

  async add(members: BatchMember[], ctx: BatchContext): Promise<BatchOutcome> {
    this.append(this.lines('join', members, ctx));
    return { rejected: [] };
  }

  async remove(members: BatchMember[], ctx: BatchContext): Promise<BatchOutcome> {
    this.append(this.lines('leave', members, ctx));
    return { rejected: [] };
  }
}
