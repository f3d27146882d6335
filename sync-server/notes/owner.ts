import { and, eq } from 'drizzle-orm';

import type { TenantDb } from '../db/connect';
import { deals, tasks } from '../db/tenant/crm';
import type { NoteDocumentName } from './document-name';

/** Whether the task or deal a note belongs to exists and is not deleted. */
export async function noteOwnerExists(db: TenantDb, doc: NoteDocumentName): Promise<boolean> {
  const table = doc.kind === 'task' ? tasks : deals;
  const rows = await db.select({ id: table.id }).from(table).where(and(eq(table.id, doc.id), eq(table.deleted, false)));
  return rows.length > 0;
}
