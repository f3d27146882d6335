import type { z } from 'zod';

import type { AppError } from '../shared/errors';
import type { Permission } from '../shared/permissions';

import type { MutationContext, MutatorTx } from './tx';

/**
 * One mutation, defined once and run by both sides. The server runs the steps in this order,
 * and the order is a security property: arguments are parsed before anything reads them, the
 * tenant (fixed by the connection) and permission are checked before any row is read, and the
 * server hook's referential checks pass before the first write (docs/sync.md, S-9).
 */
export interface MutatorDef<S extends z.ZodType = z.ZodType> {
  readonly name: string;
  readonly args: S;
  /** What the user's effective permissions must include; checked on the server only. */
  readonly permission: Permission;
  /** Server-only checks (existence, references) run before `apply`; an error rejects. */
  readonly server?: (tx: MutatorTx, args: z.output<S>, ctx: MutationContext) => Promise<AppError | null>;
  /** The writes. Deterministic given (tx, args, ctx) so client and server agree. */
  readonly apply: (tx: MutatorTx, args: z.output<S>, ctx: MutationContext) => Promise<void>;
}

export function defineMutator<S extends z.ZodType>(def: MutatorDef<S>): MutatorDef<S> {
  return def;
}
