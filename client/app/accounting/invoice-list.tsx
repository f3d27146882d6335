/**
 * Invoices and notes of the company: device drafts first ("draft – not yet posted", with no
 * number until the server posts them), then what the server holds, newest first.
 *
 * Limitation: server documents are listed for the dates picked (this financial year to today
 * at first), and the server returns at most 1,000 of them, oldest first.
 */
import { useMemo, useState } from 'react';

import type { DocumentSummary } from '../../../shared/api/accounting';
import { newID } from '../../../shared/ids';
import { useCan } from '../data';
import { formatDay, today } from '../lib/format';
import { useStore } from '../lib/store';
import { Link, navigate } from '../router';
import { fetchInvoices, httpTransport } from './api';
import type { AccountingCompany } from './companies';
import { DateRangeFields, yearStart } from './date-field';
import { flash } from './flash';
import { DOCUMENT_LABELS, inr } from './format';
import type { InvoiceDraft } from './invoice-draft';
import { previewTax } from './tax-preview';
import { draftsVersion } from './draft-store';
import { useCompanyDrafts } from './use-drafts';
import { remoteNotice, useRemote } from './use-remote';

function typeLabel(type: string): string {
  return type in DOCUMENT_LABELS ? DOCUMENT_LABELS[type as keyof typeof DOCUMENT_LABELS] : type;
}

const DRAFT_STATUS: Record<InvoiceDraft['status'], string> = {
  draft: 'draft – not yet posted',
  queued: 'waiting for a connection to post',
  failed: 'refused by the server – open to fix',
};

export function InvoiceList({ company }: { readonly company: AccountingCompany }) {
  const canCreate = useCan('invoices.create');
  const drafts = useCompanyDrafts(company.id);
  const [to, setTo] = useState(today());
  const [from, setFrom] = useState(yearStart(to));
  // Drafts change here only when one is posted, so a change means the server list moved too.
  const version = useStore(draftsVersion);
  const [invoices, reload] = useRemote(
    () => fetchInvoices(company.id, { from, to }),
    [company.id, from, to, version],
  );
  const notice = remoteNotice(invoices);
  // A device draft already uploaded is listed once, as the device copy the user can edit.
  const posted = useMemo(() => {
    const uploaded = new Set((drafts ?? []).map((d) => d.serverId));
    return invoices.state === 'ready' ? invoices.value.filter((i) => !uploaded.has(i.id)) : [];
  }, [invoices, drafts]);

  return (
    <section aria-label="Invoices">
      <header className="screen-head">
        <h2>Invoices and notes</h2>
        {canCreate && (
          <button type="button" onClick={() => navigate(`/accounting/drafts/${newID()}`)}>
            New invoice
          </button>
        )}
      </header>
      <div className="toolbar">
        <DateRangeFields from={from} to={to} setFrom={setFrom} setTo={setTo} />
      </div>
      <table className="ledger-table" aria-label="Invoice list">
        <thead>
          <tr>
            <th>Number</th>
            <th>Date</th>
            <th>Document</th>
            <th>Party</th>
            <th className="num">Value</th>
            <th>Status</th>
          </tr>
        </thead>
        <tbody>
          {(drafts ?? []).map((d) => (
            <DraftRow key={d.id} draft={d} company={company} />
          ))}
          {posted.map((inv) => (
            <InvoiceRow key={inv.id} invoice={inv} company={company} onPosted={reload} />
          ))}
        </tbody>
      </table>
      {notice !== null && <p className="muted pad">{notice}</p>}
      {notice === null && posted.length === 0 && (drafts ?? []).length === 0 && (
        <p className="muted pad">No invoices yet.</p>
      )}
    </section>
  );
}

function DraftRow({
  draft,
  company,
}: {
  readonly draft: InvoiceDraft;
  readonly company: AccountingCompany;
}) {
  const total = previewTax(draft, company.stateCode).totals.total;
  return (
    <tr data-status={draft.status} data-testid="draft-row">
      <td>
        <Link to={`/accounting/drafts/${draft.id}`}>
          <em>number on posting</em>
        </Link>
      </td>
      <td>{formatDay(draft.date)}</td>
      <td>{typeLabel(draft.type)}</td>
      <td>{draft.partyName || draft.partyGstin || '—'}</td>
      <td className="num">{inr(total)}</td>
      <td>
        {DRAFT_STATUS[draft.status]}
        {draft.error !== null && <small className="error"> {draft.error}</small>}
      </td>
    </tr>
  );
}

function InvoiceRow(props: {
  readonly invoice: DocumentSummary;
  readonly company: AccountingCompany;
  readonly onPosted: () => void;
}) {
  const { invoice } = props;
  const draft = invoice.status === 'draft';
  return (
    <tr data-status={invoice.status} data-testid="invoice-row">
      <td>{invoice.number ?? <em>number on posting</em>}</td>
      <td>{formatDay(invoice.date)}</td>
      <td>{typeLabel(invoice.type)}</td>
      <td>{invoice.party || '—'}</td>
      <td className="num">{invoice.total === null ? '' : inr(invoice.total)}</td>
      <td>
        {draft ? 'draft – not yet posted' : invoice.status}
        {draft && <PostServerDraft {...props} />}
      </td>
    </tr>
  );
}

/**
 * A draft the server holds but this device has no copy of (imported, or made on another
 * device): it can be posted from here as it stands.
 */
function PostServerDraft(props: {
  readonly invoice: DocumentSummary;
  readonly company: AccountingCompany;
  readonly onPosted: () => void;
}) {
  const canPost = useCan('invoices.post');
  const [error, setError] = useState<string | null>(null);
  if (!canPost) return null;
  const post = async () => {
    const reply = await httpTransport.postDocument(props.company.id, props.invoice.id);
    if (!reply.ok) return setError(reply.message);
    flash.set(`${typeLabel(props.invoice.type)} posted as ${reply.value.number}.`);
    props.onPosted();
  };
  return (
    <>
      {' '}
      <button type="button" className="ghost" onClick={() => void post()}>
        Post
      </button>
      {error !== null && <small className="error"> {error}</small>}
    </>
  );
}
