import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

import { newID } from '../../../shared/ids';
import { noteStorageError } from './problems';
import { createStore } from './store';

/** A file or voice note waiting on this device to be uploaded. */
export interface PendingAttachment {
  readonly id: string;
  readonly taskId: string;
  readonly name: string;
  readonly type: string;
  readonly size: number;
  readonly blob: Blob;
  readonly createdAt: string;
  /** Why the last upload failed for good (too large, refused); null while it may still go. */
  readonly error: string | null;
}

interface OutboxDB extends DBSchema {
  outbox: { key: string; value: PendingAttachment; indexes: { byTask: string } };
}

/** Bumped whenever the outbox changes, so lists re-read it. */
export const outboxVersion = createStore(0);

let dbPromise: Promise<IDBPDatabase<OutboxDB>> | null = null;

function db(scope: string): Promise<IDBPDatabase<OutboxDB>> {
  dbPromise ??= openDB<OutboxDB>(`focus-attachments:${scope}`, 1, {
    upgrade(d) {
      d.createObjectStore('outbox', { keyPath: 'id' }).createIndex('byTask', 'taskId');
    },
  });
  return dbPromise;
}

export type UploadResult = { readonly ok: true } | { readonly ok: false; readonly retry: boolean; readonly message: string };

/** Sends one attachment to the server; the outbox decides what to do with the answer. */
export type Uploader = (a: PendingAttachment) => Promise<UploadResult>;

/**
 * Attachments are written to IndexedDB first and uploaded from there, so a file dropped or a
 * voice note recorded offline survives a reload and goes up when the network returns.
 */
export class AttachmentOutbox {
  private flushing: Promise<void> | null = null;

  constructor(private readonly scope: string, private readonly upload: Uploader) {}

  async add(taskId: string, blob: Blob, name: string): Promise<PendingAttachment> {
    const item: PendingAttachment = {
      id: newID(), taskId, name, type: blob.type || 'application/octet-stream', size: blob.size, blob,
      createdAt: new Date().toISOString(), error: null,
    };
    try {
      await (await db(this.scope)).put('outbox', item);
    } catch (e) {
      noteStorageError(e);
      throw e;
    }
    outboxVersion.set(outboxVersion.get() + 1);
    void this.flush();
    return item;
  }

  async list(taskId: string): Promise<PendingAttachment[]> {
    return (await db(this.scope)).getAllFromIndex('outbox', 'byTask', taskId);
  }

  async remove(id: string): Promise<void> {
    await (await db(this.scope)).delete('outbox', id);
    outboxVersion.set(outboxVersion.get() + 1);
  }

  /** Uploads everything waiting, oldest first; one flush at a time. */
  flush(): Promise<void> {
    this.flushing ??= this.drain().finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  private async drain(): Promise<void> {
    if (!navigator.onLine) return;
    const d = await db(this.scope);
    const items = (await d.getAll('outbox')).filter((i) => i.error === null).sort((a, b) => a.id.localeCompare(b.id));
    for (const item of items) {
      const r = await this.upload(item).catch((): UploadResult => ({ ok: false, retry: true, message: 'network' }));
      if (r.ok) await d.delete('outbox', item.id);
      else if (!r.retry) await d.put('outbox', { ...item, error: r.message });
      else break;
      outboxVersion.set(outboxVersion.get() + 1);
    }
  }
}
