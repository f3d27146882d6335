import type { EntityKind } from '../shared/domain';
import { type AppError, appError, ErrorCode } from '../shared/errors';

import type { MutatorTx } from './tx';

/** Server hook helper: a create must not overwrite a row that exists (it would bypass update rights). */
export async function mustNotExist(tx: MutatorTx, kind: EntityKind, id: string): Promise<AppError | null> {
  const row = await tx.get(kind, id);
  return row === undefined ? null : appError(ErrorCode.Conflict, `${kind} ${id} already exists`);
}

/** Server hook helper: a reference, when set, must name a live row of this tenant. */
export async function mustReference(
  tx: MutatorTx,
  kind: EntityKind,
  id: string | null | undefined,
): Promise<AppError | null> {
  if (id === null || id === undefined) return null;
  const row = await tx.get(kind, id);
  return row === undefined ? appError(ErrorCode.Validation, `${kind} ${id} does not exist`, { kind, id }) : null;
}

/** The first error of several checks run in order, or null. */
export async function firstError(checks: readonly (() => Promise<AppError | null>)[]): Promise<AppError | null> {
  for (const check of checks) {
    const e = await check();
    if (e !== null) return e;
  }
  return null;
}

/** Copies only the fields a partial update actually set; `undefined` means "leave as is". */
export function applyPatch<T extends object>(current: T, patch: { [K in keyof T]?: T[K] | undefined }): T {
  const next = { ...current };
  for (const [k, v] of Object.entries(patch)) {
    if (v !== undefined) Object.assign(next, { [k]: v });
  }
  return next;
}
