/**
 * An invoice or note as the form holds it: every field the text a person typed, so a half
 * finished draft (a rate not chosen yet, an amount mid-edit) can be stored and reopened as is.
 * `toImportShape` turns it into the server's document shape (the same snake_case shape as
 * `invoices:import`), and `validateDraft` runs the shared validator on it, so the form shows
 * exactly the problems the server would refuse it for.
 *
 * Limitation: the form has no fields for shipping bills, e-commerce operators or self-invoice
 * numbers; documents needing them come in through `invoices:import`.
 */
import { parseDocuments, type DocumentIssue } from '../../../shared/gst/document';
import { isStateCode, parseGstin, type StateCode } from '../../../shared/gst/gstin';
import { PartyCategory, Treatment, type DocumentType } from '../../../shared/gst/tax';

export interface DraftLine {
  readonly hsn: string;
  readonly description: string;
  readonly uqc: string;
  readonly qty: string;
  /** Rupees as typed: "1,20,000.50" is fine, grouping commas are dropped. */
  readonly taxableValue: string;
  /** Percent, e.g. "18". */
  readonly rate: string;
  readonly cessRate: string;
  readonly treatment: Treatment;
}

/**
 * Where a draft is. `draft`: only on this device. `queued`: the user asked to post it while
 * offline; it goes when the network returns. `failed`: the server refused it (`error` says why).
 */
export type DraftStatus = 'draft' | 'queued' | 'failed';

export interface InvoiceDraft {
  /** Made on the device (a ULID, so drafts sort by when they were started). */
  readonly id: string;
  readonly companyId: string;
  readonly type: DocumentType;
  readonly date: string;
  readonly partyGstin: string;
  readonly partyName: string;
  /** Used only without a GSTIN; with one, the GSTIN's first two digits are the state. */
  readonly partyState: string;
  /** Empty: decided from the GSTIN (regular) or the state (unregistered or overseas). */
  readonly partyCategory: PartyCategory | '';
  /** Empty: the default (the party's state on sales and notes, the company's on purchases). */
  readonly placeOfSupply: string;
  readonly reverseCharge: boolean;
  readonly zeroRatedWithPayment: boolean;
  readonly againstNumber: string;
  readonly againstDate: string;
  readonly againstValue: string;
  readonly lines: readonly DraftLine[];
  readonly status: DraftStatus;
  readonly error: string | null;
  /**
   * The id the server keeps it under: made on the device before the first upload and kept
   * until the draft is edited, so uploading again returns the first copy (draft-posting D-1).
   */
  readonly serverId: string | null;
  readonly updatedAt: string;
}

export function emptyLine(): DraftLine {
  return {
    hsn: '',
    description: '',
    uqc: 'NOS',
    qty: '1',
    taxableValue: '',
    rate: '18',
    cessRate: '0',
    treatment: Treatment.Taxable,
  };
}

export function emptyDraft(opts: {
  readonly id: string;
  readonly companyId: string;
  readonly date: string;
  readonly now: string;
}): InvoiceDraft {
  return {
    id: opts.id,
    companyId: opts.companyId,
    type: 'sale',
    date: opts.date,
    partyGstin: '',
    partyName: '',
    partyState: '',
    partyCategory: '',
    placeOfSupply: '',
    reverseCharge: false,
    zeroRatedWithPayment: false,
    againstNumber: '',
    againstDate: '',
    againstValue: '',
    lines: [emptyLine()],
    status: 'draft',
    error: null,
    serverId: null,
    updatedAt: opts.now,
  };
}

export function isNote(type: DocumentType): boolean {
  return type === 'credit_note' || type === 'debit_note';
}

/** The party's state: from a valid GSTIN, else the state picked; null if neither is usable. */
export function partyStateOf(draft: InvoiceDraft): StateCode | null {
  const gstin = draft.partyGstin.trim();
  if (gstin !== '') {
    const parsed = parseGstin(gstin);
    return parsed.ok ? parsed.value.stateCode : null;
  }
  return isStateCode(draft.partyState) ? draft.partyState : null;
}

/** The category the server will assume when the form leaves it empty. */
export function partyCategoryOf(draft: InvoiceDraft): PartyCategory {
  if (draft.partyCategory !== '') return draft.partyCategory;
  if (draft.partyGstin.trim() !== '') return PartyCategory.Regular;
  return draft.partyState === '96' ? PartyCategory.Overseas : PartyCategory.Unregistered;
}

/** "1,20,000.50" → "120000.50"; the shared parser then insists on a plain decimal. */
export function plainNumber(text: string): string {
  return text.replace(/[₹,\s]/g, '');
}

function omitEmpty(key: string, value: string): Record<string, string> {
  const trimmed = value.trim();
  return trimmed === '' ? {} : { [key]: trimmed };
}

/**
 * The draft as the server's document JSON. `number` is left out: the server allocates it
 * from the company's series when it posts the document.
 */
export function toImportShape(draft: InvoiceDraft): Record<string, unknown> {
  const gstin = draft.partyGstin.trim().toUpperCase();
  const state = partyStateOf(draft) ?? draft.partyState;
  return {
    type: draft.type,
    date: draft.date,
    party_gstin: gstin === '' ? null : gstin,
    ...omitEmpty('party_name', draft.partyName),
    party_state: state,
    reverse_charge: draft.reverseCharge,
    ...(draft.partyCategory === '' ? {} : { party_category: draft.partyCategory }),
    ...omitEmpty('place_of_supply', draft.placeOfSupply),
    zero_rated_with_payment: draft.zeroRatedWithPayment,
    ...(isNote(draft.type)
      ? {
          against: {
            number: draft.againstNumber.trim(),
            date: draft.againstDate,
            value: plainNumber(draft.againstValue),
          },
        }
      : {}),
    lines: draft.lines.map((l) => ({
      hsn: l.hsn.trim(),
      description: l.description.trim(),
      uqc: l.uqc,
      qty: plainNumber(l.qty),
      taxable_value: plainNumber(l.taxableValue),
      rate: plainNumber(l.rate),
      cess_rate: plainNumber(l.cessRate) === '' ? '0' : plainNumber(l.cessRate),
      treatment: l.treatment,
    })),
  };
}

/** A problem with the draft, in the form's terms: `line` is 0-based, null for the header. */
export interface DraftIssue {
  readonly line: number | null;
  readonly field: string;
  readonly message: string;
}

// The shared validator wants a number; the server replaces this one when it posts.
const PLACEHOLDER_NUMBER = 'DRAFT';

function toDraftIssue(issue: DocumentIssue): DraftIssue {
  // Messages read "document 0 (DRAFT), line 1, rate: …"; the form shows its own place.
  const message = issue.message.replace(/^document 0( \([^)]*\))?(, line \d+)?(, )?/, '');
  return { line: issue.line, field: issue.field, message };
}

/** Every reason the server would refuse this draft; empty when it can be posted. */
export function validateDraft(draft: InvoiceDraft): readonly DraftIssue[] {
  const parsed = parseDocuments([{ ...toImportShape(draft), number: PLACEHOLDER_NUMBER }]);
  return parsed.ok ? [] : parsed.error.map(toDraftIssue);
}
