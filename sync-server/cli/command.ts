import { parseArgs, type ParseArgsConfig } from 'node:util';

import type { Platform } from '../platform/platform';

/** Thrown for bad input: main prints the message and usage, and exits with code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export interface CommandIO {
  out(line: string): void;
  err(line: string): void;
}

export interface Command {
  readonly name: string;
  readonly usage: string;
  readonly summary: string;
  readonly options?: ParseArgsConfig['options'];
  /** Commands that don't need the platform (none yet) would set this false. */
  run(ctx: { readonly p: Platform; readonly args: ParsedArgs; readonly io: CommandIO }): Promise<number>;
}

export interface ParsedArgs {
  readonly positionals: readonly string[];
  readonly values: Readonly<Record<string, string | boolean | undefined>>;
}

export function parse(cmd: Command, argv: readonly string[]): ParsedArgs {
  try {
    const r = parseArgs({ args: [...argv], options: cmd.options ?? {}, allowPositionals: true, strict: true });
    return { positionals: r.positionals, values: r.values as Record<string, string | boolean | undefined> };
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
}

export function requireString(args: ParsedArgs, name: string): string {
  const v = args.values[name];
  if (typeof v !== 'string' || v.trim() === '') throw new UsageError(`--${name} is required`);
  return v;
}

export function requirePositional(args: ParsedArgs, index: number, what: string): string {
  const v = args.positionals[index];
  if (v === undefined || v === '') throw new UsageError(`${what} is required`);
  return v;
}

export function onOff(value: string | boolean | undefined, flag: string, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (value === 'on') return true;
  if (value === 'off') return false;
  throw new UsageError(`--${flag} takes on or off`);
}
