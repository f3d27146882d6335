import { useState, type FormEvent } from 'react';

import { api, errorText } from '../api';
import { ErrorMessage, Notice, PlanOptions } from '../fields';
import { bytes, count, when } from '../format';
import type { PlanView, PushResult, TenantView } from '../types';
import { useAction } from '../use-action';
import { useLoad } from '../use-load';

const STEP_LABELS: Readonly<Record<string, string>> = {
  database: 'Creating database',
  user: 'Creating database user',
  migrate: 'Applying schema',
  seed: 'Seeding roles and plan',
  owner: 'Creating owner',
};

export function TenantsScreen() {
  const [q, setQ] = useState('');
  const [status, setStatus] = useState('');
  const [plan, setPlan] = useState('');
  const [dbHost, setDbHost] = useState('');
  const [deleting, setDeleting] = useState<TenantView | null>(null);
  const [provisioning, setProvisioning] = useState(false);

  const params = new URLSearchParams(
    Object.entries({ q, status, plan, dbHost }).filter(([, v]) => v !== ''),
  );
  const tenants = useLoad(
    () => api<{ tenants: TenantView[] }>('GET', `/api/admin/tenants?${params.toString()}`),
    [params.toString()],
  );
  const plans = useLoad(() => api<{ plans: PlanView[] }>('GET', '/api/admin/plans'), []);
  const hosts = [...new Set((tenants.data?.tenants ?? []).map((t) => t.dbHost))];

  const { notice, act } = useAction<unknown>((label, r) => {
    const results = (r as { results?: PushResult[] } | null)?.results;
    const failed =
      results?.filter(
        (x) =>
          x.state === 'failed' || x.state === 'pending' || (x as { ok?: boolean }).ok === false,
      ) ?? [];
    return failed.length > 0
      ? `${label}: ${failed.length} tenant(s) failed; see Permission pushes`
      : `${label}: done`;
  }, tenants.reload);

  return (
    <section>
      <div className="toolbar">
        <h2>Tenants</h2>
        <button type="button" onClick={() => setProvisioning(true)}>
          Provision tenant
        </button>
        <button
          type="button"
          className="secondary"
          onClick={() =>
            void act('Permissions update (all)', () => api('POST', '/api/admin/permissions-update'))
          }
        >
          Push permissions to all
        </button>
        <button
          type="button"
          className="secondary"
          onClick={() => void act('Migrate all', () => api('POST', '/api/admin/migrate'))}
        >
          Migrate all
        </button>
      </div>
      <div className="filters">
        <input
          type="search"
          aria-label="Search tenants"
          placeholder="Search slug, name, owner e-mail"
          value={q}
          onChange={(e) => setQ(e.target.value)}
        />
        <select aria-label="Status" value={status} onChange={(e) => setStatus(e.target.value)}>
          <option value="">Any status</option>
          {['active', 'suspended', 'provisioning', 'failed'].map((s) => (
            <option key={s}>{s}</option>
          ))}
        </select>
        <select aria-label="Plan" value={plan} onChange={(e) => setPlan(e.target.value)}>
          <option value="">Any plan</option>
          <PlanOptions plans={plans.data?.plans} />
        </select>
        <select
          aria-label="Database host"
          value={dbHost}
          onChange={(e) => setDbHost(e.target.value)}
        >
          <option value="">Any database host</option>
          {hosts.map((h) => (
            <option key={h}>{h}</option>
          ))}
        </select>
      </div>
      <Notice text={notice} />
      <ErrorMessage text={tenants.error} />
      {provisioning && plans.data && (
        <ProvisionForm
          plans={plans.data.plans}
          onClose={() => {
            setProvisioning(false);
            tenants.reload();
          }}
        />
      )}
      {deleting && (
        <DeleteDialog
          tenant={deleting}
          onClose={() => {
            setDeleting(null);
            tenants.reload();
          }}
        />
      )}
      <table>
        <thead>
          <tr>
            <th>Tenant</th>
            <th>Status</th>
            <th>Plan</th>
            <th>Database</th>
            <th>Created</th>
            <th className="num">Users</th>
            <th className="num">Rows</th>
            <th className="num">Storage</th>
            <th className="num">Mail credits / mo</th>
            <th>Actions</th>
          </tr>
        </thead>
        <tbody>
          {tenants.data?.tenants.map((t) => (
            <tr key={t.slug}>
              <td>
                <strong>{t.slug}</strong>
                <br />
                <small>{t.name}</small>
              </td>
              <td>
                <span className={`badge ${t.status}`}>{t.status}</span>
                {t.statusReason && (
                  <>
                    <br />
                    <small>{t.statusReason}</small>
                  </>
                )}
              </td>
              <td>
                <select
                  aria-label={`Plan of ${t.slug}`}
                  value={t.plan.key}
                  onChange={(e) =>
                    void act(`Move ${t.slug} to ${e.target.value}`, () =>
                      api('PUT', `/api/admin/tenants/${t.slug}/plan`, { plan: e.target.value }),
                    )
                  }
                >
                  <PlanOptions plans={plans.data?.plans} />
                </select>
              </td>
              <td>
                <small>
                  {t.dbHost}
                  <br />
                  {t.dbName}
                </small>
              </td>
              <td>{when(t.createdAt)}</td>
              <td className="num">{count(t.usage.users)}</td>
              <td className="num">{count(t.usage.rows)}</td>
              <td className="num">{bytes(t.usage.storageBytes)}</td>
              <td className="num">{count(t.usage.mailCreditsPerMonth)}</td>
              <td className="actions">
                {t.status === 'active' && (
                  <button
                    type="button"
                    className="secondary"
                    onClick={() => {
                      const reason = window.prompt(
                        `Suspend ${t.slug}? Reason (shown to operators):`,
                        '',
                      );
                      if (reason !== null)
                        void act(`Suspend ${t.slug}`, () =>
                          api('POST', `/api/admin/tenants/${t.slug}/suspend`, { reason }),
                        );
                    }}
                  >
                    Suspend
                  </button>
                )}
                {t.status === 'suspended' && (
                  <button
                    type="button"
                    className="secondary"
                    onClick={() =>
                      void act(`Resume ${t.slug}`, () =>
                        api('POST', `/api/admin/tenants/${t.slug}/resume`, {}),
                      )
                    }
                  >
                    Resume
                  </button>
                )}
                <button
                  type="button"
                  className="secondary"
                  onClick={() =>
                    void act(`Permissions update ${t.slug}`, () =>
                      api('POST', `/api/admin/tenants/${t.slug}/permissions-update`),
                    )
                  }
                >
                  Push permissions
                </button>
                <button
                  type="button"
                  className="secondary"
                  onClick={() =>
                    void act(`Migrate ${t.slug}`, () =>
                      api('POST', `/api/admin/tenants/${t.slug}/migrate`),
                    )
                  }
                >
                  Migrate
                </button>
                <button type="button" className="danger" onClick={() => setDeleting(t)}>
                  Delete
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {tenants.data?.tenants.length === 0 && <p className="empty">No tenants match.</p>}
    </section>
  );
}

function ProvisionForm({
  plans,
  onClose,
}: {
  readonly plans: readonly PlanView[];
  readonly onClose: () => void;
}) {
  const [form, setForm] = useState({
    slug: '',
    name: '',
    plan: plans[0]?.key ?? '',
    ownerEmail: '',
    ownerPassword: '',
    deviceApproval: true,
  });
  const [steps, setSteps] = useState<string[]>([]);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const [running, setRunning] = useState(false);
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm({ ...form, [k]: e.target.value });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSteps([]);
    setOutcome(null);
    setRunning(true);
    try {
      const r = await api<{ progress: string }>('POST', '/api/admin/tenants', form);
      const source = new EventSource(r.progress);
      source.addEventListener('step', (ev) =>
        setSteps((s) => [...s, (JSON.parse(ev.data) as { step: string }).step]),
      );
      source.addEventListener('done', () => {
        setOutcome({ ok: true, text: `${form.slug} is active.` });
        setRunning(false);
        source.close();
      });
      source.addEventListener('failed', (ev) => {
        setOutcome({ ok: false, text: (JSON.parse(ev.data) as { error: string }).error });
        setRunning(false);
        source.close();
      });
    } catch (err) {
      setOutcome({ ok: false, text: errorText(err) });
      setRunning(false);
    }
  };

  return (
    <div className="dialog" role="dialog" aria-label="Provision tenant">
      <form className="card" onSubmit={(e) => void submit(e)}>
        <h3>Provision a tenant</h3>
        <label>
          Slug (sub-domain)
          <input
            required
            pattern="[a-z0-9][a-z0-9\-]{1,38}"
            value={form.slug}
            onChange={set('slug')}
          />
        </label>
        <label>
          Company name
          <input required value={form.name} onChange={set('name')} />
        </label>
        <label>
          Plan
          <select value={form.plan} onChange={set('plan')}>
            {plans.map((p) => (
              <option key={p.id} value={p.key}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Owner e-mail
          <input type="email" required value={form.ownerEmail} onChange={set('ownerEmail')} />
        </label>
        <label>
          Owner password
          <input
            type="password"
            required
            minLength={10}
            autoComplete="new-password"
            value={form.ownerPassword}
            onChange={set('ownerPassword')}
          />
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={form.deviceApproval}
            onChange={(e) => setForm({ ...form, deviceApproval: e.target.checked })}
          />{' '}
          New-device approval by e-mail
        </label>
        {(steps.length > 0 || running) && (
          <ol className="progress" aria-label="Provisioning progress">
            {steps.map((s) => (
              <li key={s}>{STEP_LABELS[s] ?? s} ✓</li>
            ))}
          </ol>
        )}
        {outcome && (
          <p className={outcome.ok ? 'ok' : 'error'} role="status">
            {outcome.text}
          </p>
        )}
        <div className="buttons">
          <button type="submit" disabled={running}>
            {running ? 'Provisioning…' : 'Provision'}
          </button>
          <button type="button" className="secondary" onClick={onClose}>
            Close
          </button>
        </div>
      </form>
    </div>
  );
}

function DeleteDialog({
  tenant,
  onClose,
}: {
  readonly tenant: TenantView;
  readonly onClose: () => void;
}) {
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await api('DELETE', `/api/admin/tenants/${tenant.slug}`, { confirm: typed });
      onClose();
    } catch (err) {
      setError(errorText(err));
    }
  };
  return (
    <div className="dialog" role="dialog" aria-label={`Delete ${tenant.slug}`}>
      <form className="card" onSubmit={(e) => void submit(e)}>
        <h3>Delete {tenant.name}?</h3>
        <p>
          This drops the tenant's database, its database user and its catalog row. It cannot be
          undone.
        </p>
        <label>
          Type <code>{tenant.slug}</code> to confirm
          <input value={typed} onChange={(e) => setTyped(e.target.value)} autoFocus />
        </label>
        <ErrorMessage text={error} />
        <div className="buttons">
          <button type="submit" className="danger" disabled={typed !== tenant.slug}>
            Delete for ever
          </button>
          <button type="button" className="secondary" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </div>
  );
}
