import { useState } from 'react';

import { api } from '../api';
import { ErrorMessage, Notice, PlanOptions } from '../fields';
import { when } from '../format';
import type { PlanView, SubscriptionView, TenantView } from '../types';
import { useAction } from '../use-action';
import { useLoad } from '../use-load';

export function SubscriptionsScreen() {
  const subs = useLoad(
    () =>
      api<{ provider: string; subscriptions: SubscriptionView[] }>(
        'GET',
        '/api/admin/subscriptions',
      ),
    [],
  );
  const tenants = useLoad(() => api<{ tenants: TenantView[] }>('GET', '/api/admin/tenants'), []);
  const plans = useLoad(() => api<{ plans: PlanView[] }>('GET', '/api/admin/plans'), []);
  const [tenant, setTenant] = useState('');
  const [plan, setPlan] = useState('');

  const { notice, act } = useAction<{ subscription: { shortUrl?: string | null } }>(
    (label, r) =>
      r.subscription.shortUrl
        ? `${label}: send the customer ${r.subscription.shortUrl} to authorise payment`
        : `${label}: done`,
    subs.reload,
  );

  const withSub = new Set(
    (subs.data?.subscriptions ?? []).filter((s) => s.status !== 'cancelled').map((s) => s.tenant),
  );
  return (
    <section>
      <div className="toolbar">
        <h2>Subscriptions</h2>
        {subs.data && (
          <span className="badge">
            {subs.data.provider === 'razorpay' ? 'Razorpay' : 'Manual invoicing (no Razorpay keys)'}
          </span>
        )}
      </div>
      <form
        className="filters"
        onSubmit={(e) => {
          e.preventDefault();
          if (tenant && plan)
            void act(`Subscribe ${tenant}`, () =>
              api('POST', `/api/admin/tenants/${tenant}/subscription`, { plan }),
            );
        }}
      >
        <select aria-label="Tenant" value={tenant} onChange={(e) => setTenant(e.target.value)}>
          <option value="">Tenant…</option>
          {tenants.data?.tenants
            .filter((t) => !withSub.has(t.slug))
            .map((t) => (
              <option key={t.slug}>{t.slug}</option>
            ))}
        </select>
        <select
          aria-label="Plan for new subscription"
          value={plan}
          onChange={(e) => setPlan(e.target.value)}
        >
          <option value="">Plan…</option>
          <PlanOptions plans={plans.data?.plans} />
        </select>
        <button type="submit" disabled={!tenant || !plan}>
          Create subscription
        </button>
      </form>
      <Notice text={notice} />
      <ErrorMessage text={subs.error} />
      <table>
        <thead>
          <tr>
            <th>Tenant</th>
            <th>Provider</th>
            <th>Plan</th>
            <th>Status</th>
            <th>Paid until</th>
            <th>Halted</th>
            <th>Last payment error</th>
            <th>Actions</th>
          </tr>
        </thead>
        <tbody>
          {subs.data?.subscriptions.map((s) => (
            <tr key={s.tenant}>
              <td>
                {s.tenant}
                <br />
                <small>{s.externalId}</small>
              </td>
              <td>{s.provider}</td>
              <td>
                <select
                  aria-label={`Change plan of ${s.tenant}`}
                  value={s.plan.key}
                  disabled={s.status === 'cancelled'}
                  onChange={(e) =>
                    void act(`Change ${s.tenant} to ${e.target.value}`, () =>
                      api('PUT', `/api/admin/tenants/${s.tenant}/subscription`, {
                        plan: e.target.value,
                      }),
                    )
                  }
                >
                  <PlanOptions plans={plans.data?.plans} />
                </select>
              </td>
              <td>
                <span className={`badge ${s.status}`}>{s.status}</span>
              </td>
              <td>{when(s.currentPeriodEnd)}</td>
              <td>{when(s.haltedAt)}</td>
              <td>
                <small>{s.lastPaymentError ?? ''}</small>
              </td>
              <td>
                {s.status !== 'cancelled' && (
                  <button
                    type="button"
                    className="danger"
                    onClick={() => {
                      if (window.confirm(`Cancel ${s.tenant}'s subscription?`))
                        void act(`Cancel ${s.tenant}`, () =>
                          api('POST', `/api/admin/tenants/${s.tenant}/subscription/cancel`),
                        );
                    }}
                  >
                    Cancel
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {subs.data?.subscriptions.length === 0 && <p className="empty">No subscriptions yet.</p>}
    </section>
  );
}
