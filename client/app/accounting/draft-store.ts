/**
 * Invoice drafts kept on this device (IndexedDB), so an invoice can be prepared with no
 * network and survives a reload. A draft has no number: the server allocates one from the
 * company's series when it posts the document, which is the only place two devices can't
 * both hand out the same number.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

import { noteStorageError } from '../lib/problems';
import { createStore } from '../lib/store';
import type { InvoiceDraft } from './invoice-draft';

interface DraftDB extends DBSchema {
  drafts: { key: string; value: InvoiceDraft; indexes: { byCompany: string } };
}

/** Bumped on every change, so lists showing drafts re-read them. */
export const draftsVersion = createStore(0);

export class DraftStore {
  private constructor(private readonly db: IDBPDatabase<DraftDB>) {}

  /** One database per signed-in user: colleagues sharing a device don't see each other's. */
  static async open(scope: string): Promise<DraftStore> {
    const db = await openDB<DraftDB>(`focus-invoice-drafts:${scope}`, 1, {
      upgrade(d) {
        d.createObjectStore('drafts', { keyPath: 'id' }).createIndex('byCompany', 'companyId');
      },
    });
    return new DraftStore(db);
  }

  /** The company's drafts, most recently changed first. */
  async list(companyId: string): Promise<InvoiceDraft[]> {
    const all = await this.db.getAllFromIndex('drafts', 'byCompany', companyId);
    return all.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || a.id.localeCompare(b.id));
  }

  async get(id: string): Promise<InvoiceDraft | undefined> {
    return this.db.get('drafts', id);
  }

  /** False when the device refused the write (storage full); the banner then says so. */
  async put(draft: InvoiceDraft): Promise<boolean> {
    try {
      await this.db.put('drafts', draft);
    } catch (e) {
      noteStorageError(e);
      return false;
    }
    draftsVersion.set(draftsVersion.get() + 1);
    return true;
  }

  async remove(id: string): Promise<void> {
    await this.db.delete('drafts', id);
    draftsVersion.set(draftsVersion.get() + 1);
  }

  close(): void {
    this.db.close();
  }
}

let shared: { scope: string; store: Promise<DraftStore> } | null = null;

/** The signed-in user's store, opened once per page. */
export function draftStoreFor(scope: string): Promise<DraftStore> {
  if (shared?.scope !== scope) shared = { scope, store: DraftStore.open(scope) };
  return shared.store;
}
