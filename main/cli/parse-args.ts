import { UsageError } from './cli-types';

export interface ParsedArgs {
  flags: Map<string, string | true>;
  positionals: string[];
}

/**
 * Parses `--name value`, `--name=value` and boolean `--name` flags. `booleanFlags` lists the flags
 * that take no value; any flag not in `known` is a usage error (a typo must not be ignored).
 */
export function parseArgs(
  args: string[],
  known: readonly string[],
  booleanFlags: readonly string[] = [],
): ParsedArgs {
  const flags = new Map<string, string | true>();
  const positionals: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (!a.startsWith('--')) {
      positionals.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = eq >= 0 ? a.slice(2, eq) : a.slice(2);
    if (!known.includes(name)) throw new UsageError(`unknown option --${name}`);
    if (booleanFlags.includes(name)) {
      if (eq >= 0) throw new UsageError(`--${name} takes no value`);
      flags.set(name, true);
      continue;
    }
    const value = eq >= 0 ? a.slice(eq + 1) : args[++i];
    if (value === undefined || (eq < 0 && value.startsWith('--')))
      throw new UsageError(`--${name} needs a value`);
    flags.set(name, value);
  }
  return { flags, positionals };
}

export function stringFlag(p: ParsedArgs, name: string): string | undefined {
  const v = p.flags.get(name);
  return typeof v === 'string' ? v : undefined;
}

export function requiredFlag(p: ParsedArgs, name: string): string {
  const v = stringFlag(p, name);
  if (v === undefined) throw new UsageError(`--${name} is required`);
  return v;
}

export function intFlag(
  p: ParsedArgs,
  name: string,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number | undefined {
  const v = stringFlag(p, name);
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) {
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, got "${v}"`);
  }
  return Number(v);
}
