import { z } from 'zod';

import type { EntityKind } from '../../shared/domain';

/**
 * A client view record, compressed (S-13). Visibility is decided per kind (a user reads all
 * tasks or none), so "which rows does this device have, at which version" is fully described by
 * the kinds it was sent and, per kind, a cursor into the (version, id) order: every live row at
 * or below the cursor was sent at its current version or later. The diff against the current
 * rows is then "rows past the cursor", an index range, instead of a per-row comparison.
 */
const cursorSchema = z.object({
  /** Rows with version < v (and version = v with id <= id) were sent. */
  v: z.number().int().min(0),
  /** null: everything at version v was sent. */
  id: z.string().nullable(),
  /**
   * Tombstones at or below this version are skipped: they were deleted before this kind's first
   * sync began, so the device never had them. Later ones are sent, even mid-way through a paged
   * first sync, because the row may have gone out on an earlier page.
   */
  tombstonesAfter: z.number().int().min(0),
});
export type Cursor = z.output<typeof cursorSchema>;

export const cvrStateSchema = z.object({
  kinds: z.partialRecord(z.enum(['company', 'contact', 'deal', 'task', 'comment']), cursorSchema),
  /** sync_state version up to which lastMutationID changes of this group's clients were sent. */
  clients: z.number().int().min(0),
  rejections: z.number().int().min(0),
  /** Hashes of the `meta/me` value and the `user/` set last sent. */
  me: z.string(),
  users: z.string(),
});
export type CvrState = z.output<typeof cvrStateSchema>;

export const EMPTY_CVR: CvrState = { kinds: {}, clients: 0, rejections: 0, me: '', users: '' };

/** Where a kind's first sync starts, given the change counter the pull sees. */
export function freshCursor(now: number): Cursor {
  return { v: 0, id: null, tombstonesAfter: now };
}

export function cursorOf(state: CvrState, kind: EntityKind): Cursor | undefined {
  return state.kinds[kind];
}

export function parseCvr(text: string): CvrState | null {
  try {
    const parsed = cvrStateSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
