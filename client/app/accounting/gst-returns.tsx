/**
 * GST returns of one company for one period (MMYYYY; a quarterly filer picks the quarter's
 * last month): each GSTR-1 section's and GSTR-3B table's totals, and the JSON (for the
 * portal's offline tool) and CSV files to download.
 */
import { useId, useState } from 'react';

import { parseReturnPeriod } from '../../../shared/gst/period';
import { useCan } from '../data';
import { today } from '../lib/format';
import { fetchGstr1, fetchGstr3b, returnUrl, type ReturnFormat, type ReturnKind } from './api';
import type { AccountingCompany } from './companies';
import { inr, periodOf, recentPeriods } from './format';
import { download } from './http';
import { gstr1Totals, gstr3bTotals, type SectionTotal } from './return-totals';
import { remoteNotice, useRemote } from './use-remote';

function periodLabel(fp: string): string {
  const d = new Date(Number(fp.slice(2)), Number(fp.slice(0, 2)) - 1, 1);
  return `${fp} (${d.toLocaleString('en-IN', { month: 'long', year: 'numeric' })})`;
}

export function GstReturnsView({ company }: { readonly company: AccountingCompany }) {
  const id = useId();
  const [period, setPeriod] = useState(periodOf(today(), company.filingFrequency));
  const valid = parseReturnPeriod(period, company.filingFrequency);
  const periods = recentPeriods(today(), company.filingFrequency);
  const canExport = useCan('gst.export');
  if (!canExport) {
    return (
      <section className="empty-state" aria-label="GST returns">
        <h2>GST returns</h2>
        <p>Your role does not include preparing GST returns (gst.export).</p>
      </section>
    );
  }
  return (
    <section aria-label="GST returns">
      <header className="screen-head">
        <h2>GST returns</h2>
        <span className="inline-field">
          <label htmlFor={id}>Return period</label>
          <input
            id={id}
            list={`${id}-periods`}
            inputMode="numeric"
            maxLength={6}
            placeholder="MMYYYY"
            value={period}
            onChange={(e) => setPeriod(e.target.value.trim())}
          />
          <datalist id={`${id}-periods`}>
            {periods.map((p) => (
              <option key={p} value={p}>
                {periodLabel(p)}
              </option>
            ))}
          </datalist>
        </span>
      </header>
      <p className="muted">
        {company.legalName}, GSTIN {company.gstin}, files{' '}
        {company.filingFrequency === 'quarterly' ? 'quarterly' : 'monthly'}.
      </p>
      {valid.ok ? (
        <>
          <ReturnPanel kind="gstr1" company={company} period={period} />
          <ReturnPanel kind="gstr3b" company={company} period={period} />
        </>
      ) : (
        <p className="error" role="alert">
          {valid.error.message}
        </p>
      )}
    </section>
  );
}

const TITLES: Record<ReturnKind, string> = { gstr1: 'GSTR-1', gstr3b: 'GSTR-3B' };

function ReturnPanel(props: {
  readonly kind: ReturnKind;
  readonly company: AccountingCompany;
  readonly period: string;
}) {
  const { kind, company, period } = props;
  const [error, setError] = useState<string | null>(null);
  const [totals] = useRemote(async () => {
    if (kind === 'gstr1') {
      const r = await fetchGstr1(company.id, period);
      return r.ok ? { ok: true as const, value: gstr1Totals(r.value) } : r;
    }
    const r = await fetchGstr3b(company.id, period);
    return r.ok ? { ok: true as const, value: gstr3bTotals(r.value) } : r;
  }, [kind, company.id, period]);

  const save = async (format: ReturnFormat) => {
    const name = `${TITLES[kind]}_${company.gstin}_${period}.${format}`;
    const reply = await download(returnUrl(kind, company.id, period, format), name);
    setError(reply.ok ? null : reply.message);
  };
  const notice = remoteNotice(totals);

  return (
    <section className="return-panel" aria-label={TITLES[kind]}>
      <header className="screen-head">
        <h3>{TITLES[kind]}</h3>
        <span className="inline">
          <button type="button" onClick={() => void save('json')}>
            Download {TITLES[kind]} JSON
          </button>
          <button type="button" className="ghost" onClick={() => void save('csv')}>
            Download {TITLES[kind]} CSV
          </button>
        </span>
      </header>
      {error !== null && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {notice !== null && <p className="muted">{notice}</p>}
      {totals.state === 'ready' && <TotalsTable kind={kind} rows={totals.value} />}
    </section>
  );
}

function TotalsTable({
  kind,
  rows,
}: {
  readonly kind: ReturnKind;
  readonly rows: readonly SectionTotal[];
}) {
  if (rows.length === 0) return <p className="muted">Nothing to report for this period.</p>;
  return (
    <table className="ledger-table" aria-label={`${TITLES[kind]} totals`}>
      <thead>
        <tr>
          <th>Section</th>
          {kind === 'gstr1' && <th className="num">Count</th>}
          <th className="num">Taxable value</th>
          <th className="num">IGST</th>
          <th className="num">CGST</th>
          <th className="num">SGST</th>
          <th className="num">Cess</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.section} data-section={r.section}>
            <td>{r.label}</td>
            {kind === 'gstr1' && <td className="num">{r.count}</td>}
            <td className="num" data-testid={`${kind}-${r.section}-taxable`}>
              {inr(r.taxableValue)}
            </td>
            <td className="num">{inr(r.igst)}</td>
            <td className="num">{inr(r.cgst)}</td>
            <td className="num">{inr(r.sgst)}</td>
            <td className="num">{inr(r.cess)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
