import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

import type { AnyPermission, Module } from '../../shared/permissions';

/** A screen whose code loads on demand, and can be asked to load early. */
export interface LazyScreen {
  readonly Component: LazyExoticComponent<ComponentType<ScreenProps>>;
  readonly preload: () => Promise<unknown>;
}

export interface ScreenProps {
  readonly params: Readonly<Record<string, string>>;
}

function lazyScreen(load: () => Promise<{ default: ComponentType<ScreenProps> }>): LazyScreen {
  let pending: Promise<{ default: ComponentType<ScreenProps> }> | null = null;
  const preload = () => (pending ??= load());
  return { Component: lazy(preload), preload };
}

export interface RouteDef {
  readonly pattern: string;
  readonly screen: LazyScreen;
  /** Hidden (menu and route) unless the user's plan and role grant this module. */
  readonly module: Module | null;
  /** Hidden (menu and route) unless the user also holds this permission. */
  readonly permission?: AnyPermission;
}

export const screens = {
  pipeline: lazyScreen(() => import('./screens/pipeline')),
  contacts: lazyScreen(() => import('./screens/contacts')),
  companies: lazyScreen(() => import('./screens/companies')),
  tasks: lazyScreen(() => import('./screens/tasks')),
  task: lazyScreen(() => import('./screens/task-detail')),
  search: lazyScreen(() => import('./screens/search')),
  accounting: lazyScreen(() => import('./accounting/accounting-screen')),
  billing: lazyScreen(() => import('./screens/billing')),
} as const;

export const ROUTES: readonly RouteDef[] = [
  { pattern: '/pipeline', screen: screens.pipeline, module: 'crm' },
  { pattern: '/contacts', screen: screens.contacts, module: 'crm' },
  { pattern: '/contacts/:id', screen: screens.contacts, module: 'crm' },
  { pattern: '/companies', screen: screens.companies, module: 'crm' },
  { pattern: '/companies/:id', screen: screens.companies, module: 'crm' },
  { pattern: '/tasks', screen: screens.tasks, module: 'tasks' },
  { pattern: '/tasks/:id', screen: screens.task, module: 'tasks' },
  { pattern: '/search', screen: screens.search, module: null },
  { pattern: '/accounting', screen: screens.accounting, module: 'accounting' },
  { pattern: '/accounting/:section', screen: screens.accounting, module: 'accounting' },
  { pattern: '/accounting/:section/:id', screen: screens.accounting, module: 'accounting' },
  { pattern: '/billing', screen: screens.billing, module: null, permission: 'settings.manage' },
];

export interface NavItem {
  readonly to: string;
  readonly label: string;
  readonly icon: string;
  readonly module: Module | null;
  readonly permission?: AnyPermission;
  readonly screen: LazyScreen;
}

export const NAV: readonly NavItem[] = [
  { to: '/pipeline', label: 'Pipeline', icon: '▤', module: 'crm', screen: screens.pipeline },
  { to: '/tasks', label: 'Tasks', icon: '✓', module: 'tasks', screen: screens.tasks },
  { to: '/contacts', label: 'Contacts', icon: '☺', module: 'crm', screen: screens.contacts },
  { to: '/companies', label: 'Companies', icon: '▦', module: 'crm', screen: screens.companies },
  { to: '/search', label: 'Search', icon: '⌕', module: null, screen: screens.search },
  { to: '/accounting', label: 'Accounting', icon: '₹', module: 'accounting', screen: screens.accounting },
  { to: '/billing', label: 'Plan & billing', icon: '◈', module: null, permission: 'settings.manage', screen: screens.billing },
];

/**
 * Loads every screen's code once the first screen is up and the browser is idle, so switching
 * screens later never shows a loader (links also preload on hover and focus).
 */
export function preloadAllWhenIdle(win: Window): void {
  const run = () => {
    for (const s of Object.values(screens)) void s.preload();
  };
  if ('requestIdleCallback' in win) win.requestIdleCallback(run, { timeout: 2000 });
  else setTimeout(run, 500);
}
