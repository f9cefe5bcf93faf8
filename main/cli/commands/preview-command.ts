import type { PreviewResult } from '../../../shared/contract/audience-channels';
import { openEngine } from '../../engine/index';
import { EXIT, UsageError, type CliCommand, type CliIo } from '../cli-types';
import { parseArgs, requiredFlag, stringFlag, type ParsedArgs } from '../parse-args';
import type { AudienceDefinition, AudienceNode } from '../../../shared/audience/audience-types';
import { parseDatetime } from '../../../shared/audience/datetime';
import { AudienceFileError, fileProblems, readAudienceFile } from '../../audiences/audience-file';
import { audienceLibrary } from '../../audiences/audience-store';
import { openCache, type CacheDb } from '../../cache/open-cache';
import { getLookbackDays } from '../../cache/settings';

// `preview --db FILE AUDIENCE.json [--as-of ISO] [--json]` (../shared/spec/cli.md).

// What `preview` and `members` share: open the workspace, read and validate the audience file
// against the workspace's saved audiences (and its look-back), parse --as-of.
export interface LoadedAudience {
  db: CacheDb;
  definition: AudienceDefinition;
  library: (id: string) => AudienceDefinition | undefined;
  asOf: number;
}

/** The workspace and a valid definition, or an exit code after reporting why not. */
export function loadAudienceForCli(
  name: string,
  parsed: ParsedArgs,
  dbPath: string,
  io: CliIo,
): LoadedAudience | number {
  if (parsed.positionals.length !== 1) throw new UsageError('name exactly one audience file');
  const file = parsed.positionals[0]!;
  const asOfText = stringFlag(parsed, 'as-of');
  const asOf = asOfText === undefined ? io.now() : parseDatetime(asOfText);
  if (asOf === undefined)
    throw new UsageError(
      `--as-of must be an ISO-8601 datetime with a zone or a date, got "${asOfText}"`,
    );
  let input: unknown;
  try {
    input = readAudienceFile(file);
  } catch (e) {
    if (e instanceof AudienceFileError) {
      io.err(`studio ${name}: ${e.message}\n`);
      return EXIT.usage;
    }
    throw e;
  }
  const db = openCache(dbPath);
  const library = audienceLibrary(db);
  const problems = fileProblems(input, library, getLookbackDays(db));
  if (problems.length > 0) {
    db.close();
    io.err(
      `studio ${name}: ${file} is not a valid audience:\n${problems.map((p) => `${p.path}: ${p.message}\n`).join('')}`,
    );
    return EXIT.usage;
  }
  return { db, definition: input as AudienceDefinition, library, asOf };
}

const fmt = (n: number) => n.toLocaleString('en-US');

function describe(node: AudienceNode): string {
  switch (node.type) {
    case 'group':
      return `${node.negate ? 'not ' : ''}${node.match} of`;
    case 'attribute':
      return `${node.attribute} ${node.op}${node.value === undefined ? '' : ` ${JSON.stringify(node.value)}`}`;
    case 'event': {
      const w = node.window;
      const win =
        w === 'all'
          ? 'ever'
          : 'last' in w
            ? `in the last ${w.last} ${w.unit}(s)`
            : `from ${w.from} to ${w.to}`;
      const parts = [`${node.event} ${win}`];
      if (node.where?.length)
        parts.push(
          `where ${node.where.map((f) => `${f.property} ${f.op}${f.value === undefined ? '' : ` ${JSON.stringify(f.value)}`}`).join(' and ')}`,
        );
      if (node.count) parts.push(`count ${node.count.op} ${node.count.value}`);
      if (node.sum) parts.push(`sum of ${node.sum.property} ${node.sum.op} ${node.sum.value}`);
      return parts.join(', ');
    }
    case 'identity':
      return `${node.present ? 'has' : 'has no'} ${node.identity}`;
    case 'audience':
      return `${node.member ? 'in' : 'not in'} audience ${node.audience}`;
  }
}

function previewText(root: AudienceNode, r: PreviewResult): string {
  const pct = r.population > 0 ? ` (${((r.size / r.population) * 100).toFixed(1)}%)` : '';
  const lines = [
    `Audience ${r.audience} as of ${r.asOf}: ${fmt(r.size)} of ${fmt(r.population)} profiles${pct}, ${r.ms} ms`,
  ];
  const visit = (node: AudienceNode, depth: number) => {
    lines.push(`${'  '.repeat(depth)}${node.id}: ${fmt(r.nodes[node.id] ?? 0)}  ${describe(node)}`);
    if (node.type === 'group') node.children.forEach((c) => visit(c, depth + 1));
  };
  visit(root, 1);
  return `${lines.join('\n')}\n`;
}

export const previewCommand: CliCommand = {
  name: 'preview',
  summary: 'evaluates an audience: its size, the population and every node count',
  usage: 'preview --db FILE AUDIENCE.json [--as-of ISO] [--json]',
  async run(args, io) {
    const parsed = parseArgs(args, ['db', 'as-of', 'json'], ['json']);
    const loaded = loadAudienceForCli('preview', parsed, requiredFlag(parsed, 'db'), io);
    if (typeof loaded === 'number') return loaded;
    try {
      const engine = openEngine(loaded.db);
      const result = engine.preview(loaded.definition, {
        asOf: loaded.asOf,
        library: loaded.library,
      });
      io.out(
        parsed.flags.has('json')
          ? `${JSON.stringify(result)}\n`
          : previewText(loaded.definition.root, result),
      );
      return EXIT.ok;
    } finally {
      loaded.db.close();
    }
  },
};
