import { AttachmentOutbox, type PendingAttachment, type UploadResult } from '../lib/attachments';
import { markSessionExpired, problemMessage, session } from '../session';

/** An attachment the server has, as listed for a task. */
export interface ServerAttachment {
  readonly id: string;
  readonly name: string;
  readonly type: string;
  readonly size: number;
  readonly url: string;
}

function authHeaders(): Record<string, string> {
  const s = session.get();
  return s === null ? {} : { authorization: `Bearer ${s.token}` };
}

async function upload(a: PendingAttachment): Promise<UploadResult> {
  const form = new FormData();
  form.set('taskId', a.taskId);
  form.set('id', a.id);
  form.set('file', new File([a.blob], a.name, { type: a.type }));
  const res = await fetch('/api/attachments', { method: 'POST', body: form, headers: authHeaders() });
  if (res.ok) return { ok: true };
  if (res.status === 401) markSessionExpired();
  const message = problemMessage(await res.json().catch(() => null), res.status);
  // 404: the task may have been created offline and its push not landed yet, so try again
  // after the next sync. Other 4xx than 401/408/429 fail the same way next time: stop, say why.
  // Limitation: an attachment to a task deleted meanwhile keeps retrying until removed by hand.
  const retry = res.status >= 500 || [401, 404, 408, 429].includes(res.status);
  return { ok: false, retry, message };
}

let outbox: AttachmentOutbox | null = null;
let scope = '';

/** The outbox of the signed-in user (one IndexedDB database per user on a shared device). */
export function attachmentOutbox(): AttachmentOutbox {
  const userId = session.get()?.userId ?? 'anonymous';
  if (outbox === null || scope !== userId) {
    scope = userId;
    outbox = new AttachmentOutbox(userId, upload);
  }
  return outbox;
}

/** How often waiting uploads are tried again while online (a task's push may land late). */
const RETRY_MS = 15_000;

/** Retry uploads whenever the browser comes back online, on a slow timer, and once at start. */
export function startAttachmentSync(win: Window): () => void {
  const flush = () => void attachmentOutbox().flush();
  win.addEventListener('online', flush);
  const timer = win.setInterval(flush, RETRY_MS);
  flush();
  return () => {
    win.removeEventListener('online', flush);
    win.clearInterval(timer);
  };
}

/** The task's uploaded attachments (sync-server/storage/routes.ts), or null when offline or refused. */
export async function listServerAttachments(taskId: string): Promise<ServerAttachment[] | null> {
  try {
    const res = await fetch(`/api/attachments?taskId=${encodeURIComponent(taskId)}`, { headers: authHeaders() });
    if (!res.ok) return null;
    const body = (await res.json()) as { attachments?: unknown };
    if (!Array.isArray(body.attachments)) return null;
    return body.attachments.flatMap((raw: unknown) => {
      const a = raw as { id?: unknown; name?: unknown; contentType?: unknown; size?: unknown };
      if (typeof a.id !== 'string' || typeof a.name !== 'string') return [];
      const type = typeof a.contentType === 'string' ? a.contentType : '';
      const size = typeof a.size === 'number' ? a.size : 0;
      return [{ id: a.id, name: a.name, type, size, url: `/api/attachments/${encodeURIComponent(a.id)}` }];
    });
  } catch {
    return null;
  }
}
