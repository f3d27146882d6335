import type { TenantDb } from '../db/connect';
import type { NoteDocumentName } from './document-name';

/**
 * Whether the task or deal a note belongs to exists and is not deleted.
 * Limitation: the CRM tables (sync-server/db/tenant/crm.ts) are not in the tree yet, so every
 * well-formed name passes this check and access rests on the tenant and permission checks.
 */
export async function noteOwnerExists(_db: TenantDb, _doc: NoteDocumentName): Promise<boolean> {
  return true;
}
