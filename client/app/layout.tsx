import { Suspense, useEffect, type ReactNode } from 'react';

import type { AnyPermission, Module } from '../../shared/permissions';
import { ErrorBanner } from './components/error-banner';
import { SearchBox } from './components/search-box';
import { SyncIndicator } from './components/sync-indicator';
import { UpdatePrompt } from './components/update-prompt';
import { useMe } from './data';
import { Link, matchPath, Redirect, useLocation } from './router';
import { NAV, preloadAllWhenIdle, ROUTES } from './routes';
import { signOut, useSession } from './session';

/** Menu items that fit the phone's bottom bar at touch size. */
const PHONE_BAR = 5;

/** The signed-in shell: side navigation on wide screens, bottom navigation on phones. */
export function Layout() {
  const me = useMe();
  const session = useSession();
  const { path } = useLocation();
  const modules = new Set<string>(me?.modules ?? []);
  const permissions = new Set<string>(me?.permissions ?? []);
  const allowed = (m: Module | null, permission?: AnyPermission) =>
    (m === null || modules.has(m)) && (permission === undefined || permissions.has(permission));
  const nav = NAV.filter((n) => allowed(n.module, n.permission));

  useEffect(() => preloadAllWhenIdle(window), []);

  return (
    <div className="shell">
      <header className="topbar">
        <Link to="/" className="brand" aria-label="FocusApp home">Focus</Link>
        <SearchBox />
        <SyncIndicator />
        <details className="account">
          <summary aria-label="Account">{initials(me?.name ?? session?.name ?? '')}</summary>
          <div className="account-menu">
            <p>{me?.name ?? session?.name}<br /><small>{me?.email ?? session?.email}</small></p>
            {/* The phone bar has room for PHONE_BAR items; the rest are reached from here. */}
            {nav.length > PHONE_BAR && (
              <nav className="account-more" aria-label="More (phone)">
                <NavLinks items={nav.slice(PHONE_BAR)} path={path} />
              </nav>
            )}
            <button type="button" onClick={() => void signOut()}>Sign out</button>
          </div>
        </details>
      </header>
      <nav className="sidenav" aria-label="Main">
        <NavLinks items={nav} path={path} />
      </nav>
      <main className="content" id="main">
        <ErrorBanner />
        <Suspense fallback={<p className="loading">Loading…</p>}>
          <Outlet path={path} allowed={allowed} firstPath={nav[0]?.to ?? '/search'} known={me !== null} />
        </Suspense>
      </main>
      <nav className="bottomnav" aria-label="Main (phone)">
        <NavLinks items={nav.slice(0, PHONE_BAR)} path={path} />
      </nav>
      <UpdatePrompt />
    </div>
  );
}

function NavLinks({ items, path }: { readonly items: typeof NAV; readonly path: string }) {
  return (
    <ul>
      {items.map((n) => (
        <li key={n.to}>
          <Link
            to={n.to}
            prefetch={() => void n.screen.preload()}
            aria-current={path.startsWith(n.to) ? 'page' : undefined}
            data-module={n.module ?? 'core'}
          >
            <span className="nav-icon" aria-hidden="true">{n.icon}</span>
            <span className="nav-label">{n.label}</span>
          </Link>
        </li>
      ))}
    </ul>
  );
}

function Outlet(props: {
  readonly path: string;
  readonly allowed: (m: Module | null, permission?: AnyPermission) => boolean;
  readonly firstPath: string;
  readonly known: boolean;
}): ReactNode {
  const { path, allowed, firstPath, known } = props;
  if (path === '/' || path === '') return <Redirect to={firstPath} />;
  for (const r of ROUTES) {
    const params = matchPath(r.pattern, path);
    if (params === null) continue;
    // Until the replica has told us what this user may see, show nothing rather than a flash
    // of a screen that then disappears.
    if (!known && (r.module !== null || r.permission !== undefined)) {
      // Fetch the screen's code while the replica opens, not after.
      void r.screen.preload();
      return <p className="loading">Opening your workspace…</p>;
    }
    if (!allowed(r.module, r.permission)) return <NoAccess />;
    const Screen = r.screen.Component;
    return <Screen params={params} />;
  }
  return (
    <section className="empty-state">
      <h1>Page not found</h1>
      <p>There is nothing at this address. <Link to="/">Go to the start page</Link>.</p>
    </section>
  );
}

function NoAccess() {
  return (
    <section className="empty-state" role="alert">
      <h1>You don't have access to this</h1>
      <p>
        Your role or your company's plan no longer includes this part of FocusApp. Anything you
        changed here before is kept. Ask your administrator if you need it back.
      </p>
    </section>
  );
}

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return (parts.slice(0, 2).map((p) => p[0]?.toUpperCase() ?? '').join('') || '?');
}
