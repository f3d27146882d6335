import { and, eq } from 'drizzle-orm';

import type { TenantDb } from '../db/connect';
import { deals, tasks } from '../db/tenant/crm';
import type { NoteDocumentName, NoteOwnerKind } from './document-name';

/** Whether a task or deal exists and is not deleted; notes and attachments hang off one. */
export async function ownerRowExists(db: TenantDb, kind: NoteOwnerKind, id: string): Promise<boolean> {
  const table = kind === 'task' ? tasks : deals;
  const rows = await db.select({ id: table.id }).from(table).where(and(eq(table.id, id), eq(table.deleted, false)));
  return rows.length > 0;
}

export function noteOwnerExists(db: TenantDb, doc: NoteDocumentName): Promise<boolean> {
  return ownerRowExists(db, doc.kind, doc.id);
}
