/**
 * The accounting company (one of the tenant's GST registrations) every accounting screen
 * works in. Rule CompanyRequired: no screen shows any books until a company is chosen, and
 * every request names it. The list is kept on the device so drafts can be prepared offline.
 */
import { useEffect, useId, type ReactNode } from 'react';

import { isStateCode, type StateCode } from '../../../shared/gst/gstin';
import type { FilingFrequency } from '../../../shared/gst/period';
import { createStore, useStore } from '../lib/store';
import { getJson } from './http';

export interface AccountingCompany {
  readonly id: string;
  readonly legalName: string;
  readonly gstin: string;
  readonly stateCode: StateCode;
  readonly filingFrequency: FilingFrequency;
}

interface CompaniesState {
  /** Null until the first answer (or the device copy) is in. */
  readonly list: readonly AccountingCompany[] | null;
  readonly error: string | null;
}

const LIST_KEY = 'focus.accounting.companies';
const SELECTED_KEY = 'focus.accounting.company';

function readLocal<T>(key: string): T | null {
  try {
    const raw = localStorage.getItem(key);
    return raw === null ? null : (JSON.parse(raw) as T);
  } catch {
    return null;
  }
}

function writeLocal(key: string, value: unknown): void {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Storage full: the choice lasts until the page closes.
  }
}

const companies = createStore<CompaniesState>({ list: readLocal(LIST_KEY), error: null });
const selected = createStore<string | null>(readLocal<string>(SELECTED_KEY));

function parseCompany(raw: unknown): AccountingCompany | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const c = raw as Record<string, unknown>;
  const { id, legalName, gstin, stateCode, filingFrequency } = c;
  if (typeof id !== 'string' || typeof legalName !== 'string' || typeof gstin !== 'string') {
    return null;
  }
  if (typeof stateCode !== 'string' || !isStateCode(stateCode)) return null;
  const frequency = filingFrequency === 'quarterly' ? 'quarterly' : 'monthly';
  return { id, legalName, gstin, stateCode, filingFrequency: frequency };
}

/** Reads the company list from the server; offline, the device copy stays. */
export async function refreshCompanies(): Promise<void> {
  const reply = await getJson('/api/accounting/companies');
  if (!reply.ok) {
    companies.set({ list: companies.get().list, error: reply.offline ? null : reply.message });
    return;
  }
  const body = reply.value as { companies?: unknown };
  const raw = Array.isArray(reply.value) ? reply.value : body.companies;
  const list = (Array.isArray(raw) ? raw : [])
    .map(parseCompany)
    .filter((c): c is AccountingCompany => c !== null);
  writeLocal(LIST_KEY, list);
  companies.set({ list, error: null });
}

export function useCompanies(): CompaniesState {
  useEffect(() => void refreshCompanies(), []);
  return useStore(companies);
}

export function selectCompany(id: string | null): void {
  writeLocal(SELECTED_KEY, id);
  selected.set(id);
}

/** The chosen company, or null when none is chosen or it is no longer in the list. */
export function useSelectedCompany(): AccountingCompany | null {
  const { list } = useStore(companies);
  const id = useStore(selected);
  return list?.find((c) => c.id === id) ?? null;
}

export function CompanyPicker() {
  const id = useId();
  const { list, error } = useCompanies();
  const current = useSelectedCompany();
  return (
    <div className="company-picker">
      <label htmlFor={id}>Company</label>
      <select
        id={id}
        value={current?.id ?? ''}
        onChange={(e) => selectCompany(e.target.value === '' ? null : e.target.value)}
      >
        <option value="">Choose a company…</option>
        {(list ?? []).map((c) => (
          <option key={c.id} value={c.id}>
            {c.legalName} ({c.gstin})
          </option>
        ))}
      </select>
      {error !== null && <small className="error">{error}</small>}
    </div>
  );
}

/** Rule CompanyRequired: renders `children` only once a company is chosen. */
export function CompanyRequired(props: {
  readonly children: (company: AccountingCompany) => ReactNode;
}) {
  const company = useSelectedCompany();
  const { list } = useStore(companies);
  if (company !== null) return <>{props.children(company)}</>;
  const none = list !== null && list.length === 0;
  return (
    <section className="empty-state" data-testid="company-required">
      <h2>{none ? 'No company set up yet' : 'Choose a company'}</h2>
      <p className="muted">
        {none
          ? 'Books are kept per GST registration. An operator adds one with company:create.'
          : 'Invoices, ledgers and returns belong to one company (one GSTIN). Pick it above.'}
      </p>
    </section>
  );
}
