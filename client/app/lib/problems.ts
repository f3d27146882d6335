import type { Rejection } from '../../../shared/domain';
import { createStore } from './store';

/** Set when the browser refuses to store more (IndexedDB or localStorage quota). */
export const storageFull = createStore(false);

/** A QuotaExceededError from any storage API means the device is out of room for us. */
export function noteStorageError(e: unknown): void {
  if (e instanceof DOMException && (e.name === 'QuotaExceededError' || e.code === 22)) storageFull.set(true);
}

const ACTIONS: Readonly<Record<string, string>> = {
  createCompany: 'add the company', updateCompany: 'save the company', deleteCompany: 'delete the company',
  createContact: 'add the contact', updateContact: 'save the contact', deleteContact: 'delete the contact',
  createDeal: 'add the deal', updateDeal: 'save the deal', moveDeal: 'move the deal', deleteDeal: 'delete the deal',
  createTask: 'add the task', updateTask: 'save the task', deleteTask: 'delete the task',
  addComment: 'post your comment', deleteComment: 'delete the comment',
};

/** A refused change, in words an office user understands. */
export function explainRejection(r: Rejection): string {
  const action = ACTIONS[r.name] ?? 'save a change';
  switch (r.code) {
    case 'forbidden':
      return `We couldn't ${action}: you no longer have permission to do that. Ask your administrator.`;
    case 'conflict':
      return `We couldn't ${action}: someone else already saved the same record.`;
    case 'validation':
      return `We couldn't ${action}: ${r.message}`;
    case 'not_found':
      return `We couldn't ${action}: it was deleted by someone else.`;
    default:
      return `We couldn't ${action}. ${r.message}`;
  }
}

/**
 * Asks the browser to keep our storage (so the offline replica is not evicted under pressure)
 * and flags "storage full" when less than 5% of the quota is left.
 */
export async function checkStorage(nav: Navigator): Promise<void> {
  const storage = nav.storage as StorageManager | undefined;
  if (storage === undefined) return;
  await storage.persist?.().catch(() => false);
  const { usage, quota } = await storage.estimate().catch(() => ({ usage: undefined, quota: undefined }));
  if (usage !== undefined && quota !== undefined && quota > 0 && usage / quota > 0.95) storageFull.set(true);
}
