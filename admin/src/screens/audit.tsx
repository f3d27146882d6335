import { useState } from 'react';

import { api } from '../api';
import { ErrorMessage } from '../fields';
import { when } from '../format';
import type { AuditView } from '../types';
import { useLoad } from '../use-load';

function json(v: unknown): string {
  return v === null || v === undefined ? '' : JSON.stringify(v, null, 1);
}

/** The append-only audit log, newest first, filtered on the server. */
export function AuditScreen() {
  const [action, setAction] = useState('');
  const [target, setTarget] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const query = new URLSearchParams(
    Object.entries({ action, target, from, to }).filter(([, v]) => v !== ''),
  ).toString();
  const log = useLoad(
    () => api<{ entries: AuditView[] }>('GET', `/api/admin/audit?${query}`),
    [query],
  );

  return (
    <section>
      <div className="toolbar">
        <h2>Audit log</h2>
      </div>
      <div className="filters">
        <input
          aria-label="Action"
          placeholder="Action, e.g. plan.update or tenant."
          value={action}
          onChange={(e) => setAction(e.target.value)}
        />
        <input
          aria-label="Target"
          placeholder="Target, e.g. tenant:acme"
          value={target}
          onChange={(e) => setTarget(e.target.value)}
        />
        <label>
          From <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label>
          To <input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
      </div>
      <ErrorMessage text={log.error} />
      <table className="audit">
        <thead>
          <tr>
            <th>When</th>
            <th>Who</th>
            <th>Action</th>
            <th>Target</th>
            <th>Before</th>
            <th>After</th>
            <th>Request</th>
          </tr>
        </thead>
        <tbody>
          {log.data?.entries.map((e) => (
            <tr key={e.id}>
              <td>{when(e.at)}</td>
              <td>{e.adminEmail ?? <em>platform</em>}</td>
              <td>
                <code>{e.action}</code>
              </td>
              <td>{e.target}</td>
              <td>
                <pre>{json(e.before)}</pre>
              </td>
              <td>
                <pre>{json(e.after)}</pre>
              </td>
              <td>
                <small>
                  {e.requestId}
                  <br />
                  {e.ip}
                </small>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {log.data?.entries.length === 0 && <p className="empty">No entries match.</p>}
    </section>
  );
}
