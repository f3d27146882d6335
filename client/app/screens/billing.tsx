/**
 * "Plan & billing": what the tenant pays for, for users who manage the company's settings.
 * The modules come from the replica's meta/me, so they show offline too; the plan's name and
 * the subscription live only on the central database and come from
 * `GET /api/billing/subscription` (sync-server/billing/routes.ts), which needs a connection.
 *
 * Limitation: meta/me carries modules but not the plan's name, so offline the name is not
 * shown; the last answer is not cached, so a stale status is never shown as if current.
 * Limitation: the phone bottom bar holds the first six menu items; with every module on the
 * plan, Plan & billing is the seventh and is reached on phones only by its address (/billing).
 */
import { useCallback, useEffect, useState } from 'react';

import type { SubscriptionView } from '../../../shared/api/billing';
import { useCan, useMe } from '../data';
import { markSessionExpired, problemMessage, session } from '../session';
import './billing.css';

interface BillingAnswer {
  readonly plan: { readonly key: string; readonly name: string } | null;
  readonly subscription: SubscriptionView | null;
}

type Loaded =
  | { readonly state: 'loading' }
  | { readonly state: 'offline' }
  | { readonly state: 'error'; readonly message: string }
  | { readonly state: 'ready'; readonly answer: BillingAnswer };

const MODULE_NAMES: Readonly<Record<string, string>> = {
  crm: 'CRM (contacts, companies, deals)',
  tasks: 'Tasks',
  campaigns: 'Campaigns',
  accounting: 'Accounting and GST',
  production: 'Production',
};

/** Each provider status in plain words (SUBSCRIPTION_STATUSES in the central schema). */
const STATUS_WORDS: Readonly<Record<string, { readonly label: string; readonly detail: string }>> =
  {
    created: {
      label: 'Waiting for payment',
      detail: 'The subscription is set up; the first payment has not been authorised yet.',
    },
    authenticated: {
      label: 'Payment method authorised',
      detail: 'Billing starts on the first billing date.',
    },
    active: { label: 'Active', detail: 'Payments are up to date.' },
    pending: {
      label: 'Payment overdue',
      detail: 'The last charge failed and is being retried. Check your payment method.',
    },
    halted: {
      label: 'Halted',
      detail:
        'Payments kept failing. Your workspace will be suspended after a grace period unless a payment goes through.',
    },
    cancelled: {
      label: 'Cancelled',
      detail:
        'The subscription was cancelled. The workspace stays open until the paid period and a short grace period end.',
    },
    completed: {
      label: 'Completed',
      detail: 'Every billing cycle of this subscription has been paid.',
    },
    expired: { label: 'Expired', detail: 'The subscription has ended.' },
  };

const PROVIDER_NAMES: Readonly<Record<string, string>> = {
  razorpay: 'Razorpay (automatic card or UPI payments)',
  manual: 'Invoiced by FocusApp (paid by bank transfer)',
};

const DATE = new Intl.DateTimeFormat('en-IN', { day: 'numeric', month: 'long', year: 'numeric' });

export default function BillingScreen() {
  const canManage = useCan('settings.manage');
  const [loaded, reload] = useBillingAnswer();

  if (!canManage) {
    return (
      <section className="empty-state" role="alert">
        <h1>You don't have access to this</h1>
        <p>Only people who manage your company's settings can see its plan and billing.</p>
      </section>
    );
  }

  return (
    <section className="screen billing">
      <header className="screen-head">
        <h1>Plan &amp; billing</h1>
      </header>
      <PlanCard planName={loaded.state === 'ready' ? (loaded.answer.plan?.name ?? null) : null} />
      <article className="billing-card" aria-labelledby="billing-subscription">
        <h2 id="billing-subscription">Subscription</h2>
        <SubscriptionBody loaded={loaded} reload={reload} />
      </article>
    </section>
  );
}

function PlanCard({ planName }: { readonly planName: string | null }) {
  const me = useMe();
  const modules = me?.modules ?? [];
  return (
    <article className="billing-card" aria-labelledby="billing-plan">
      <h2 id="billing-plan">Your plan</h2>
      <p className="billing-plan-name" data-testid="plan-name">
        {planName ?? <span className="muted">The plan's name shows once you are online.</span>}
      </p>
      <h3>Included in your plan</h3>
      {modules.length === 0 ? (
        <p className="muted">No modules are included yet.</p>
      ) : (
        <ul className="billing-modules" data-testid="plan-modules">
          {modules.map((m) => (
            <li key={m}>{MODULE_NAMES[m] ?? m}</li>
          ))}
        </ul>
      )}
    </article>
  );
}

function SubscriptionBody({
  loaded,
  reload,
}: {
  readonly loaded: Loaded;
  readonly reload: () => void;
}) {
  if (loaded.state === 'loading') return <p className="muted">Loading…</p>;
  if (loaded.state === 'offline' || loaded.state === 'error') {
    const message =
      loaded.state === 'offline'
        ? 'Subscription details need a connection. You are offline; this updates when you are back.'
        : loaded.message;
    return (
      <div className="billing-notice" role="status" data-testid="subscription-notice">
        <p>{message}</p>
        <button type="button" onClick={reload}>
          Try again
        </button>
      </div>
    );
  }

  const sub = loaded.answer.subscription;
  if (sub === null) {
    return (
      <p data-testid="subscription-none">
        No subscription yet. Your workspace runs on the plan above; contact FocusApp to start paying
        for it.
      </p>
    );
  }
  return <SubscriptionFacts sub={sub} />;
}

function SubscriptionFacts({ sub }: { readonly sub: SubscriptionView }) {
  const words = STATUS_WORDS[sub.status] ?? { label: sub.status, detail: '' };
  return (
    <>
      <p>
        <span
          className={`status-pill billing-status-${sub.status}`}
          data-testid="subscription-status"
        >
          {words.label}
        </span>{' '}
        <span className="muted">{words.detail}</span>
      </p>
      <dl className="billing-facts">
        <dt>Plan</dt>
        <dd data-testid="subscription-plan">{sub.plan.name}</dd>
        <dt>{sub.status === 'active' ? 'Paid until' : 'Current period ends'}</dt>
        <dd data-testid="subscription-period-end">
          {sub.currentPeriodEnd === null
            ? 'Not started yet'
            : DATE.format(new Date(sub.currentPeriodEnd))}
        </dd>
        <dt>Paid through</dt>
        <dd data-testid="subscription-provider">{PROVIDER_NAMES[sub.provider] ?? sub.provider}</dd>
        {sub.lastPaymentError !== null && (
          <>
            <dt>Last payment problem</dt>
            <dd className="error">{sub.lastPaymentError}</dd>
          </>
        )}
      </dl>
    </>
  );
}

/** Reads the subscription once, again on "Try again", and again when the browser comes online. */
function useBillingAnswer(): [Loaded, () => void] {
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const [round, setRound] = useState(0);
  const reload = useCallback(() => setRound((r) => r + 1), []);

  useEffect(() => {
    let live = true;
    setLoaded({ state: 'loading' });
    void fetchBilling().then((next) => {
      if (live) setLoaded(next);
    });
    return () => {
      live = false;
    };
  }, [round]);

  useEffect(() => {
    window.addEventListener('online', reload);
    return () => window.removeEventListener('online', reload);
  }, [reload]);

  return [loaded, reload];
}

async function fetchBilling(): Promise<Loaded> {
  if (!navigator.onLine) return { state: 'offline' };
  const s = session.get();
  const headers: Record<string, string> = { accept: 'application/json' };
  if (s !== null) headers.authorization = `Bearer ${s.token}`;
  let res: Response;
  try {
    res = await fetch('/api/billing/subscription', { headers });
  } catch {
    return { state: 'offline' };
  }
  if (res.status === 401) markSessionExpired();
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) return { state: 'error', message: problemMessage(body, res.status) };
  if (!isBillingAnswer(body))
    return { state: 'error', message: 'The server sent an answer we could not read.' };
  return { state: 'ready', answer: body };
}

function isBillingAnswer(body: unknown): body is BillingAnswer {
  if (typeof body !== 'object' || body === null) return false;
  const b = body as { plan?: unknown; subscription?: unknown };
  const objectOrNull = (v: unknown) => v === null || (typeof v === 'object' && v !== undefined);
  return objectOrNull(b.plan) && objectOrNull(b.subscription);
}
