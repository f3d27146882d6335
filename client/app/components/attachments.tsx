import { useEffect, useState, type DragEvent } from 'react';

import { attachmentOutbox, listServerAttachments, type ServerAttachment } from '../data/attachments-api';
import type { PendingAttachment } from '../lib/attachments';
import { outboxVersion } from '../lib/attachments';
import { useStore } from '../lib/store';
import { AudioRecorder } from './audio-recorder';

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * Files and voice notes of a task. Dropped or recorded files go to the device outbox first and
 * show as "waiting to upload" until the server has them, so nothing is lost offline.
 */
export function Attachments({ taskId }: { readonly taskId: string }) {
  const version = useStore(outboxVersion);
  const [pending, setPending] = useState<readonly PendingAttachment[]>([]);
  const [uploaded, setUploaded] = useState<readonly ServerAttachment[]>([]);
  const [over, setOver] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void attachmentOutbox().list(taskId).then((p) => live && setPending(p)).catch(() => undefined);
    void listServerAttachments(taskId).then((list) => live && list !== null && setUploaded(list));
    return () => {
      live = false;
    };
  }, [taskId, version]);

  const add = (blob: Blob, name: string) => {
    setError(null);
    attachmentOutbox().add(taskId, blob, name).catch(() => setError('This device has no room left to keep the file. Free some space and try again.'));
  };

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    for (const f of e.dataTransfer.files) add(f, f.name);
  };

  return (
    <section
      className={`attachments${over ? ' drop-over' : ''}`}
      aria-label="Attachments"
      onDragOver={(e) => { e.preventDefault(); setOver(true); }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
      data-testid="attachments"
    >
      <h3>Attachments</h3>
      <ul className="attachment-list">
        {uploaded.map((a) => (
          <li key={a.id}>
            {a.type.startsWith('audio/') ? (
              <figure><figcaption>{a.name}</figcaption><audio controls preload="none" src={a.url} /></figure>
            ) : (
              <a href={a.url} target="_blank" rel="noreferrer">{a.name}</a>
            )}
            <span className="muted"> {size(a.size)}</span>
          </li>
        ))}
        {pending.map((a) => (
          <li key={a.id} className="pending">
            {a.name} <span className="muted">{size(a.size)} · {a.error ?? 'waiting to upload'}</span>
            {a.error !== null && <button type="button" className="ghost" onClick={() => void attachmentOutbox().remove(a.id)}>Remove</button>}
          </li>
        ))}
      </ul>
      <div className="attach-actions">
        <label className="button">
          Attach files
          <input type="file" multiple className="sr-only" onChange={(e) => { for (const f of e.target.files ?? []) add(f, f.name); e.target.value = ''; }} />
        </label>
        <AudioRecorder onRecorded={add} />
        <span className="muted drop-hint">or drop files here</span>
      </div>
      {error !== null && <p className="error" role="alert">{error}</p>}
    </section>
  );
}
