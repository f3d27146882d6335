import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import * as Y from 'yjs';

import type { TenantDb } from '../db/connect';
import { noteDocuments, noteUpdates } from '../db/tenant/notes';

/**
 * Note persistence in the tenant database: a compacted state per document plus the updates
 * appended since. Every write is an append, so two server nodes writing the same document
 * never overwrite each other; compaction folds rows into the state inside a transaction.
 */

export interface StoredNote {
  /** The state first, then the updates in arrival order; applying all gives the document. */
  readonly updates: readonly Uint8Array[];
  readonly pendingRows: number;
}

export async function loadNote(db: TenantDb, name: string): Promise<StoredNote> {
  const [doc] = await db.select({ state: noteDocuments.state }).from(noteDocuments).where(eq(noteDocuments.name, name));
  const rows = await db
    .select({ update: noteUpdates.update })
    .from(noteUpdates)
    .where(eq(noteUpdates.name, name))
    .orderBy(asc(noteUpdates.id));
  const updates = rows.map((r) => new Uint8Array(r.update));
  return { updates: doc ? [new Uint8Array(doc.state), ...updates] : updates, pendingRows: rows.length };
}

export async function appendNoteUpdate(db: TenantDb, name: string, update: Uint8Array): Promise<void> {
  await db.insert(noteUpdates).values({ name, update: Buffer.from(update) });
}

/**
 * Fold the appended updates into the stored state. Only what is in the database is merged,
 * never a node's memory, so a compaction cannot drop an update another node appended but
 * this one has not heard yet. Rows are deleted by the ids that were read: an insert that
 * commits during compaction keeps its row for next time.
 */
export async function compactNote(db: TenantDb, name: string, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    const empty = Buffer.from(Y.encodeStateAsUpdate(new Y.Doc()));
    await tx.insert(noteDocuments).values({ name, state: empty, updatedAt: now }).onDuplicateKeyUpdate({ set: { name: sql`name` } });
    // The row lock serialises compactions of one document across nodes.
    const [doc] = await tx.select({ state: noteDocuments.state }).from(noteDocuments).where(eq(noteDocuments.name, name)).for('update');
    const rows = await tx
      .select({ id: noteUpdates.id, update: noteUpdates.update })
      .from(noteUpdates)
      .where(eq(noteUpdates.name, name))
      .orderBy(asc(noteUpdates.id));
    if (rows.length === 0) return;
    const merged = mergeIntoState([doc ? new Uint8Array(doc.state) : new Uint8Array(empty), ...rows.map((r) => new Uint8Array(r.update))]);
    await tx.update(noteDocuments).set({ state: Buffer.from(merged), updatedAt: now }).where(eq(noteDocuments.name, name));
    await tx.delete(noteUpdates).where(and(eq(noteUpdates.name, name), inArray(noteUpdates.id, rows.map((r) => r.id))));
  });
}

/** Apply updates to a scratch document and encode it, so deleted content is collected. */
export function mergeIntoState(updates: readonly Uint8Array[]): Uint8Array {
  const doc = new Y.Doc();
  try {
    for (const u of updates) Y.applyUpdate(doc, u);
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}
