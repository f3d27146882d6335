import { useEffect, useState } from 'react';

import { api, errorText } from '../api';
import { ErrorMessage, Notice } from '../fields';
import { when } from '../format';
import type { PushView } from '../types';
import { useLoad } from '../use-load';

/** Where each tenant's last permission push stands; failures can be retried from here. */
export function PushesScreen() {
  const pushes = useLoad(() => api<{ pushes: PushView[] }>('GET', '/api/admin/pushes'), []);
  const [notice, setNotice] = useState<string | null>(null);

  // Pending pushes are retried in the background: refresh while any is pending.
  const pending = pushes.data?.pushes.some((x) => x.state === 'pending') ?? false;
  useEffect(() => {
    if (!pending) return;
    const timer = setInterval(pushes.reload, 2000);
    return () => clearInterval(timer);
  }, [pending, pushes.reload]);

  const retry = async (slug: string) => {
    setNotice(`Retrying ${slug}…`);
    try {
      const r = await api<{ result: { state: string; error?: string } }>(
        'POST',
        `/api/admin/pushes/${slug}/retry`,
      );
      setNotice(`${slug}: ${r.result.state}${r.result.error ? ` (${r.result.error})` : ''}`);
    } catch (e) {
      setNotice(`${slug}: ${errorText(e)}`);
    }
    pushes.reload();
  };

  const rows = pushes.data?.pushes ?? [];
  return (
    <section>
      <div className="toolbar">
        <h2>Permission pushes</h2>
        <button type="button" className="secondary" onClick={pushes.reload}>
          Refresh
        </button>
      </div>
      <Notice text={notice} />
      <ErrorMessage text={pushes.error} />
      <table>
        <thead>
          <tr>
            <th>Tenant</th>
            <th>State</th>
            <th>Plan version</th>
            <th className="num">Attempts</th>
            <th>Last error</th>
            <th>Updated</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {rows.map((x) => (
            <tr key={x.slug}>
              <td>{x.slug}</td>
              <td>
                <span className={`badge ${x.state}`}>{x.state}</span>
              </td>
              <td>v{x.planVersion}</td>
              <td className="num">{x.attempts}</td>
              <td>
                <small>{x.lastError ?? ''}</small>
              </td>
              <td>{when(x.updatedAt)}</td>
              <td>
                {x.state !== 'ok' && (
                  <button type="button" onClick={() => void retry(x.slug)}>
                    Retry
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length === 0 && (
        <p className="empty">No pushes yet. Saving a plan pushes to its tenants.</p>
      )}
    </section>
  );
}
