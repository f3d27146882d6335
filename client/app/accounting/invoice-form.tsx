/**
 * The invoice and note form. Every change is written to the device at once (IndexedDB), so a
 * draft survives a reload and can be made with no network; the tax preview is computed on
 * the device by the same shared code the server books with. The number is not chosen here:
 * the server allocates it from the company's series when it posts the document.
 */
import { useEffect, useMemo, useState, type FormEvent, type InputHTMLAttributes } from 'react';

import { STATE_CODES } from '../../../shared/gst/gstin';
import { isIsoDate } from '../../../shared/gst/period';
import { slabsOn } from '../../../shared/gst/rates';
import { PartyCategory, Treatment, type DocumentType } from '../../../shared/gst/tax';
import { UQC_CODES } from '../../../shared/gst/uqc';
import { formatRate } from '../../../shared/money';
import { Field } from '../components/field';
import { useCan } from '../data';
import { today } from '../lib/format';
import { navigate } from '../router';
import { httpTransport } from './api';
import type { AccountingCompany } from './companies';
import { editedDraft, postDraft } from './draft-posting';
import { flash } from './flash';
import { DOCUMENT_LABELS, inr, stateName } from './format';
import {
  emptyDraft,
  emptyLine,
  isNote,
  partyCategoryOf,
  partyStateOf,
  validateDraft,
  type DraftLine,
  type InvoiceDraft,
} from './invoice-draft';
import { previewTax, type LinePreview, type TaxPreview } from './tax-preview';
import { useDraftStore } from './use-drafts';

const STATES = Object.keys(STATE_CODES);
const UQCS = [...UQC_CODES].sort();
const CATEGORY_LABELS: Record<PartyCategory, string> = {
  regular: 'Registered (regular)',
  composition: 'Composition dealer',
  sez: 'SEZ unit or developer',
  uin: 'UN body or embassy (UIN)',
  unregistered: 'Unregistered',
  overseas: 'Overseas',
};
const TREATMENT_LABELS: Record<Treatment, string> = {
  taxable: 'Taxable',
  nil: 'Nil rated',
  exempt: 'Exempt',
  non_gst: 'Non-GST',
};

export function InvoiceForm(props: { readonly company: AccountingCompany; readonly id: string }) {
  const store = useDraftStore();
  const [draft, setDraft] = useState<InvoiceDraft | null>(null);

  useEffect(() => {
    if (store === null) return;
    let live = true;
    void store.get(props.id).then((found) => {
      if (!live) return;
      const now = new Date().toISOString();
      const fresh = emptyDraft({ id: props.id, companyId: props.company.id, date: today(), now });
      setDraft(found ?? fresh);
    });
    return () => {
      live = false;
    };
  }, [store, props.id, props.company.id]);

  if (store === null || draft === null) return <p className="loading">Opening the draft…</p>;
  if (draft.companyId !== props.company.id) {
    return (
      <p className="empty-state" role="alert">
        This draft belongs to another company. Switch company to open it.
      </p>
    );
  }
  return <DraftEditor draft={draft} setDraft={setDraft} company={props.company} />;
}

interface EditorProps {
  readonly draft: InvoiceDraft;
  readonly setDraft: (d: InvoiceDraft) => void;
  readonly company: AccountingCompany;
}

function DraftEditor({ draft, setDraft, company }: EditorProps) {
  const store = useDraftStore();
  const canPost = useCan('invoices.post');
  const [posting, setPosting] = useState(false);
  const [message, setMessage] = useState<string | null>(draft.error);
  const [showIssues, setShowIssues] = useState(draft.status === 'failed');
  const preview = useMemo(() => previewTax(draft, company.stateCode), [draft, company.stateCode]);
  const issues = useMemo(() => validateDraft(draft), [draft]);

  const update = (changes: Partial<InvoiceDraft>) => {
    const next = editedDraft(draft, changes, new Date().toISOString());
    setDraft(next);
    if (store !== null) void store.put(next);
  };
  const updateLine = (i: number, changes: Partial<DraftLine>) =>
    update({ lines: draft.lines.map((l, j) => (j === i ? { ...l, ...changes } : l)) });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setShowIssues(true);
    if (store === null || issues.length > 0) return;
    setPosting(true);
    await store.put(draft);
    const outcome = await postDraft(store, httpTransport, draft);
    setPosting(false);
    if (outcome.kind === 'posted') {
      flash.set(`${DOCUMENT_LABELS[draft.type]} posted as ${outcome.number}.`);
      navigate('/accounting/invoices');
    } else if (outcome.kind === 'queued') {
      flash.set('No connection: the draft is kept on this device and will be posted once online.');
      navigate('/accounting/invoices');
    } else {
      setMessage(outcome.message);
      setDraft({ ...draft, status: 'failed', error: outcome.message });
    }
  };

  const discard = async () => {
    if (!window.confirm('Delete this draft? It has not been posted.')) return;
    await store?.remove(draft.id);
    navigate('/accounting/invoices');
  };

  return (
    <form className="form invoice-form" onSubmit={(e) => void submit(e)} aria-label="Invoice">
      <header className="screen-head">
        <h2>
          {DOCUMENT_LABELS[draft.type]} <small className="muted">draft – not yet posted</small>
        </h2>
        <button type="button" className="ghost" onClick={() => navigate('/accounting/invoices')}>
          Back to invoices
        </button>
      </header>

      <HeaderFields draft={draft} update={update} />
      <PartyFields draft={draft} update={update} preview={preview} />
      {isNote(draft.type) && <NoteFields draft={draft} update={update} />}
      <LinesTable
        draft={draft}
        preview={preview}
        updateLine={updateLine}
        setLines={(lines) => update({ lines })}
      />
      <TaxSummary preview={preview} />

      {showIssues && issues.length > 0 && (
        <ul className="issues" role="alert" aria-label="Problems to fix">
          {issues.map((i) => (
            <li key={`${i.line ?? 'doc'}-${i.field}-${i.message}`}>
              {i.line === null ? '' : `Line ${i.line + 1}: `}
              {i.message}
            </li>
          ))}
        </ul>
      )}
      {message !== null && (
        <p className="banner error" role="alert">
          The server refused this document: {message}
        </p>
      )}

      {!canPost && (
        <p className="muted">
          Your role can prepare drafts but not post them; the draft stays on this device.
        </p>
      )}
      <div className="form-actions">
        <button type="submit" disabled={posting || !canPost}>
          {posting ? 'Posting…' : `Post ${DOCUMENT_LABELS[draft.type].toLowerCase()}`}
        </button>
        <button type="button" className="ghost" onClick={() => navigate('/accounting/invoices')}>
          Keep as draft
        </button>
        <button type="button" className="danger" onClick={() => void discard()}>
          Delete draft
        </button>
      </div>
    </form>
  );
}

type Update = (changes: Partial<InvoiceDraft>) => void;

/** A labelled input bound to one text field of the draft. */
function DraftText(props: {
  readonly label: string;
  readonly field: 'date' | 'partyName' | 'againstNumber' | 'againstDate' | 'againstValue';
  readonly draft: InvoiceDraft;
  readonly update: Update;
  readonly input?: Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'value' | 'onChange'>;
}) {
  const { field, update } = props;
  return (
    <Field label={props.label}>
      {(id) => (
        <input
          id={id}
          {...props.input}
          value={props.draft[field]}
          onChange={(e) => update({ [field]: e.target.value })}
        />
      )}
    </Field>
  );
}

function HeaderFields({
  draft,
  update,
}: {
  readonly draft: InvoiceDraft;
  readonly update: Update;
}) {
  return (
    <div className="field-row">
      <Field label="Document">
        {(id) => (
          <select
            id={id}
            value={draft.type}
            onChange={(e) => update({ type: e.target.value as DocumentType })}
          >
            {Object.entries(DOCUMENT_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Number">
        {(id) => <input id={id} value="" placeholder="Number on posting" readOnly />}
      </Field>
      <DraftText
        label="Date"
        field="date"
        draft={draft}
        update={update}
        input={{ type: 'date', required: true }}
      />
    </div>
  );
}

function PartyFields(props: {
  readonly draft: InvoiceDraft;
  readonly update: Update;
  readonly preview: TaxPreview;
}) {
  const { draft, update, preview } = props;
  const hasGstin = draft.partyGstin.trim() !== '';
  const partyState = partyStateOf(draft);
  const category = partyCategoryOf(draft);
  const zeroRated = category === 'sez' || category === 'overseas';
  const side = draft.type === 'purchase' ? 'Supplier' : 'Customer';
  return (
    <fieldset className="form-section">
      <legend>{side}</legend>
      <div className="field-row">
        <Field label="Party GSTIN" hint="Leave empty for an unregistered or overseas party">
          {(id) => (
            <input
              id={id}
              maxLength={15}
              autoCapitalize="characters"
              value={draft.partyGstin}
              onChange={(e) => update({ partyGstin: e.target.value.toUpperCase() })}
            />
          )}
        </Field>
        <DraftText
          label="Party name"
          field="partyName"
          draft={draft}
          update={update}
          input={{ required: !hasGstin }}
        />
      </div>
      <div className="field-row">
        <Field label="Party state">
          {(id) => (
            <select
              id={id}
              disabled={hasGstin}
              value={hasGstin ? (partyState ?? '') : draft.partyState}
              onChange={(e) => update({ partyState: e.target.value })}
            >
              <option value="">{hasGstin ? 'From the GSTIN' : 'Choose…'}</option>
              {STATES.map((s) => (
                <option key={s} value={s}>
                  {stateName(s)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Party type">
          {(id) => (
            <select
              id={id}
              value={draft.partyCategory}
              onChange={(e) =>
                update({ partyCategory: e.target.value as InvoiceDraft['partyCategory'] })
              }
            >
              <option value="">Automatic: {CATEGORY_LABELS[category].toLowerCase()}</option>
              {Object.values(PartyCategory).map((c) => (
                <option key={c} value={c}>
                  {CATEGORY_LABELS[c]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Place of supply">
          {(id) => (
            <select
              id={id}
              value={draft.placeOfSupply}
              onChange={(e) => update({ placeOfSupply: e.target.value })}
            >
              <option value="">
                Default
                {preview.supply === null ? '' : ` (${stateName(preview.supply.placeOfSupply)})`}
              </option>
              {STATES.map((s) => (
                <option key={s} value={s}>
                  {stateName(s)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <div className="checks">
        <label>
          <input
            type="checkbox"
            checked={draft.reverseCharge}
            onChange={(e) => update({ reverseCharge: e.target.checked })}
          />{' '}
          Reverse charge
        </label>
        {zeroRated && (
          <label>
            <input
              type="checkbox"
              checked={draft.zeroRatedWithPayment}
              onChange={(e) => update({ zeroRatedWithPayment: e.target.checked })}
            />{' '}
            IGST paid (zero-rated with payment; otherwise under bond or LUT)
          </label>
        )}
      </div>
    </fieldset>
  );
}

function NoteFields({ draft, update }: { readonly draft: InvoiceDraft; readonly update: Update }) {
  return (
    <fieldset className="form-section">
      <legend>Original invoice</legend>
      <div className="field-row">
        <DraftText
          label="Original invoice number"
          field="againstNumber"
          draft={draft}
          update={update}
        />
        <DraftText
          label="Original invoice date"
          field="againstDate"
          draft={draft}
          update={update}
          input={{ type: 'date' }}
        />
        <DraftText
          label="Original invoice value (₹)"
          field="againstValue"
          draft={draft}
          update={update}
          input={{ inputMode: 'decimal' }}
        />
      </div>
    </fieldset>
  );
}

/**
 * The slabs in force on the date, plus the line's own rate if it isn't one of them (chosen
 * before the date changed), so the field never silently changes; validation then flags it.
 */
function rateOptions(date: string, current: string): readonly string[] {
  const slabs = isIsoDate(date) ? slabsOn(date).map(formatRate) : [];
  return slabs.includes(current) || current === '' ? slabs : [...slabs, current];
}

function LinesTable(props: {
  readonly draft: InvoiceDraft;
  readonly preview: TaxPreview;
  readonly updateLine: (i: number, changes: Partial<DraftLine>) => void;
  readonly setLines: (lines: readonly DraftLine[]) => void;
}) {
  const { draft, preview, updateLine, setLines } = props;
  return (
    <fieldset className="form-section">
      <legend>Lines</legend>
      <ol className="invoice-lines">
        {draft.lines.map((l, i) => (
          <li key={i} className="invoice-line">
            <LineFields
              index={i}
              line={l}
              rates={rateOptions(draft.date, l.rate)}
              update={(c) => updateLine(i, c)}
            />
            <LineTax preview={preview.lines[i] ?? null} />
            {draft.lines.length > 1 && (
              <button
                type="button"
                className="ghost"
                aria-label={`Remove line ${i + 1}`}
                onClick={() => setLines(draft.lines.filter((_, j) => j !== i))}
              >
                Remove
              </button>
            )}
          </li>
        ))}
      </ol>
      <button
        type="button"
        className="ghost"
        onClick={() => setLines([...draft.lines, emptyLine()])}
      >
        Add line
      </button>
    </fieldset>
  );
}

function LineFields(props: {
  readonly index: number;
  readonly line: DraftLine;
  readonly rates: readonly string[];
  readonly update: (changes: Partial<DraftLine>) => void;
}) {
  const { line, update } = props;
  const n = props.index + 1;
  const text = (label: string, key: keyof DraftLine, mode?: 'decimal' | 'numeric') => (
    <label className="cell">
      <span>{label}</span>
      <input
        aria-label={`Line ${n} ${label}`}
        inputMode={mode}
        value={line[key]}
        onChange={(e) => update({ [key]: e.target.value })}
      />
    </label>
  );
  return (
    <div className="line-fields">
      {text('HSN/SAC', 'hsn', 'numeric')}
      {text('Description', 'description')}
      <label className="cell">
        <span>UQC</span>
        <select
          aria-label={`Line ${n} UQC`}
          value={line.uqc}
          onChange={(e) => update({ uqc: e.target.value })}
        >
          {UQCS.map((u) => (
            <option key={u}>{u}</option>
          ))}
        </select>
      </label>
      {text('Qty', 'qty', 'decimal')}
      {text('Taxable value (₹)', 'taxableValue', 'decimal')}
      <label className="cell">
        <span>GST rate %</span>
        <select
          aria-label={`Line ${n} GST rate %`}
          value={line.rate}
          onChange={(e) => update({ rate: e.target.value })}
        >
          {props.rates.map((r) => (
            <option key={r} value={r}>
              {r}%
            </option>
          ))}
        </select>
      </label>
      {text('Cess %', 'cessRate', 'decimal')}
      <label className="cell">
        <span>Treatment</span>
        <select
          aria-label={`Line ${n} Treatment`}
          value={line.treatment}
          onChange={(e) => update({ treatment: e.target.value as Treatment })}
        >
          {Object.values(Treatment).map((t) => (
            <option key={t} value={t}>
              {TREATMENT_LABELS[t]}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}

function LineTax({ preview }: { readonly preview: LinePreview | null }) {
  if (preview === null)
    return <p className="line-tax muted">Tax shows once the line is complete.</p>;
  const parts = [
    preview.cgst > 0n ? `CGST ${inr(preview.cgst)}` : null,
    preview.sgst > 0n ? `SGST ${inr(preview.sgst)}` : null,
    preview.igst > 0n ? `IGST ${inr(preview.igst)}` : null,
    preview.cess > 0n ? `Cess ${inr(preview.cess)}` : null,
  ].filter((p) => p !== null);
  return (
    <p className="line-tax">
      {parts.length === 0 ? 'No GST' : parts.join(' · ')} · <strong>{inr(preview.total)}</strong>
    </p>
  );
}

function TaxSummary({ preview }: { readonly preview: TaxPreview }) {
  const t = preview.totals;
  const supply = preview.supply;
  let kind = 'Choose the party to see the tax';
  if (supply !== null) {
    kind = supply.supplyType === 'intra' ? 'Intra-state: CGST + SGST' : 'Inter-state: IGST';
    if (supply.zeroRated) kind += ' (zero-rated)';
    kind += ` · place of supply ${stateName(supply.placeOfSupply)}`;
  }
  const row = (label: string, amount: bigint, testId: string) => (
    <>
      <dt>{label}</dt>
      <dd data-testid={testId}>{inr(amount)}</dd>
    </>
  );
  return (
    <section className="tax-summary" aria-label="Tax preview">
      <p className="muted">{kind}</p>
      <dl>
        {row('Taxable value', t.taxableValue, 'preview-taxable')}
        {t.cgst > 0n && row('CGST', t.cgst, 'preview-cgst')}
        {t.sgst > 0n && row('SGST', t.sgst, 'preview-sgst')}
        {t.igst > 0n && row('IGST', t.igst, 'preview-igst')}
        {t.cess > 0n && row('Cess', t.cess, 'preview-cess')}
        {row('Total', t.total, 'preview-total')}
      </dl>
    </section>
  );
}
