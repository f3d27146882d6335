import { useCallback, useEffect, useState } from 'react';

import { api, SIGNED_OUT_EVENT } from './api';
import { AuditScreen } from './screens/audit';
import { PlansScreen } from './screens/plans';
import { PushesScreen } from './screens/pushes';
import { SignIn } from './screens/sign-in';
import { SubscriptionsScreen } from './screens/subscriptions';
import { TenantsScreen } from './screens/tenants';
import type { Admin } from './types';

const SCREENS = [
  { key: 'tenants', label: 'Tenants' },
  { key: 'plans', label: 'Plans & permissions' },
  { key: 'pushes', label: 'Permission pushes' },
  { key: 'subscriptions', label: 'Subscriptions' },
  { key: 'audit', label: 'Audit log' },
] as const;
type ScreenKey = (typeof SCREENS)[number]['key'];

function screenFromHash(): ScreenKey {
  const h = window.location.hash.replace(/^#\/?/, '');
  return SCREENS.find((s) => s.key === h)?.key ?? 'tenants';
}

export function App() {
  const [admin, setAdmin] = useState<Admin | null | undefined>(undefined);
  const [screen, setScreen] = useState<ScreenKey>(screenFromHash);

  useEffect(() => {
    api<{ admin: Admin }>('GET', '/api/admin/me').then(
      (r) => setAdmin(r.admin),
      () => setAdmin(null),
    );
    const onHash = () => setScreen(screenFromHash());
    const onSignedOut = () => setAdmin(null);
    window.addEventListener('hashchange', onHash);
    window.addEventListener(SIGNED_OUT_EVENT, onSignedOut);
    return () => {
      window.removeEventListener('hashchange', onHash);
      window.removeEventListener(SIGNED_OUT_EVENT, onSignedOut);
    };
  }, []);

  const signOut = useCallback(async () => {
    await api('POST', '/api/admin/logout').catch(() => undefined);
    setAdmin(null);
  }, []);

  if (admin === undefined) return <p className="loading">Loading…</p>;
  if (admin === null) return <SignIn onSignedIn={setAdmin} />;

  return (
    <div className="shell">
      <header className="top">
        <strong className="brand">FocusApp Admin</strong>
        <nav aria-label="Sections">
          {SCREENS.map((s) => (
            <a key={s.key} href={`#/${s.key}`} aria-current={screen === s.key ? 'page' : undefined}>
              {s.label}
            </a>
          ))}
        </nav>
        <span className="who">{admin.email}</span>
        <button type="button" className="link" onClick={() => void signOut()}>
          Sign out
        </button>
      </header>
      <main>
        {screen === 'tenants' && <TenantsScreen />}
        {screen === 'plans' && <PlansScreen />}
        {screen === 'pushes' && <PushesScreen />}
        {screen === 'subscriptions' && <SubscriptionsScreen />}
        {screen === 'audit' && <AuditScreen />}
      </main>
    </div>
  );
}
