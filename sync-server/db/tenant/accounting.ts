import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  char,
  date,
  datetime,
  index,
  int,
  mysqlTable,
  primaryKey,
  uniqueIndex,
  varchar,
} from 'drizzle-orm/mysql-core';

/**
 * Accounting with GST (issue 5). Tables are prefixed `acc_` because the CRM already owns
 * `companies` (customer organisations); an accounting company is the tenant's own GST
 * registration. Every row carries `company_id`, and every query filters on it.
 *
 * Money is BIGINT paise, rates BIGINT in 1/10,000 of a percent (shared/money.ts), quantities
 * BIGINT thousandths: nothing passes through a float on its way in or out.
 */

const id = () => varchar('id', { length: 26 }).primaryKey();
const ref = (name: string) => varchar(name, { length: 26 });
const paise = (name: string) => bigint(name, { mode: 'bigint' });
const created = () =>
  datetime('created_at', { fsp: 3 }).notNull().default(sql`CURRENT_TIMESTAMP(3)`);

export const accCompanies = mysqlTable(
  'acc_companies',
  {
    id: id(),
    legalName: varchar('legal_name', { length: 200 }).notNull(),
    gstin: varchar('gstin', { length: 15 }).notNull(),
    stateCode: char('state_code', { length: 2 }).notNull(),
    filingFrequency: varchar('filing_frequency', { length: 10 }).notNull(),
    createdAt: created(),
  },
  (t) => [uniqueIndex('acc_companies_gstin').on(t.gstin)],
);

/** April to March. A closed year (`closed_at` set) takes no new postings. */
export const accFinancialYears = mysqlTable(
  'acc_financial_years',
  {
    id: id(),
    companyId: ref('company_id').notNull(),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    endDate: date('end_date', { mode: 'string' }).notNull(),
    closedAt: datetime('closed_at', { fsp: 3 }),
  },
  (t) => [uniqueIndex('acc_fy_company_start').on(t.companyId, t.startDate)],
);

/** `nature` decides the side a balance normally sits on in reports. */
export const accLedgerGroups = mysqlTable(
  'acc_ledger_groups',
  {
    id: id(),
    companyId: ref('company_id').notNull(),
    code: varchar('code', { length: 40 }).notNull(),
    name: varchar('name', { length: 120 }).notNull(),
    nature: varchar('nature', { length: 12 }).notNull(),
  },
  (t) => [uniqueIndex('acc_groups_company_code').on(t.companyId, t.code)],
);

/**
 * System ledgers have a `code` (output_cgst, sales...); party ledgers have a `party_key`
 * (the GSTIN, or `name:` and the lower-cased name for an unregistered party), unique within
 * their group so a customer who is also a supplier has one ledger on each side.
 */
export const accLedgers = mysqlTable(
  'acc_ledgers',
  {
    id: id(),
    companyId: ref('company_id').notNull(),
    groupId: ref('group_id').notNull(),
    code: varchar('code', { length: 40 }),
    name: varchar('name', { length: 200 }).notNull(),
    partyKey: varchar('party_key', { length: 220 }),
    partyGstin: varchar('party_gstin', { length: 15 }),
    partyState: char('party_state', { length: 2 }),
    partyCategory: varchar('party_category', { length: 16 }),
    createdAt: created(),
  },
  (t) => [
    uniqueIndex('acc_ledgers_company_code').on(t.companyId, t.code),
    uniqueIndex('acc_ledgers_company_party').on(t.companyId, t.groupId, t.partyKey),
  ],
);

/**
 * A party ledger's CRM counterpart. Kept apart so the CRM's contact and company rows carry
 * no accounting fields; `crm_kind` is 'company' or 'contact'.
 */
export const accPartyLinks = mysqlTable(
  'acc_party_links',
  {
    ledgerId: ref('ledger_id').primaryKey(),
    companyId: ref('company_id').notNull(),
    crmKind: varchar('crm_kind', { length: 10 }).notNull(),
    crmId: varchar('crm_id', { length: 40 }).notNull(),
  },
  (t) => [index('acc_party_links_crm').on(t.companyId, t.crmKind, t.crmId)],
);

/**
 * Sale and purchase invoices, notes, receipts and payments. A draft has no number and no
 * voucher; posting fixes both and the document never changes after. `series_key` is empty
 * for the company's own series and the supplier ledger id for purchases, whose numbers are
 * the supplier's and repeat across suppliers.
 */
export const accDocuments = mysqlTable(
  'acc_documents',
  {
    id: id(),
    companyId: ref('company_id').notNull(),
    fyId: ref('fy_id').notNull(),
    type: varchar('type', { length: 12 }).notNull(),
    seriesKey: varchar('series_key', { length: 26 }).notNull().default(''),
    number: varchar('number', { length: 16 }),
    date: date('date', { mode: 'string' }).notNull(),
    status: varchar('status', { length: 10 }).notNull(),
    partyLedgerId: ref('party_ledger_id').notNull(),
    partyGstin: varchar('party_gstin', { length: 15 }),
    partyName: varchar('party_name', { length: 200 }),
    partyState: char('party_state', { length: 2 }).notNull(),
    partyCategory: varchar('party_category', { length: 16 }).notNull(),
    placeOfSupply: char('place_of_supply', { length: 2 }),
    reverseCharge: boolean('reverse_charge').notNull().default(false),
    zeroRatedWithPayment: boolean('zero_rated_with_payment').notNull().default(false),
    shippingPort: varchar('shipping_port', { length: 6 }),
    shippingBillNumber: varchar('shipping_bill_number', { length: 40 }),
    shippingBillDate: date('shipping_bill_date', { mode: 'string' }),
    againstNumber: varchar('against_number', { length: 16 }),
    againstDate: date('against_date', { mode: 'string' }),
    againstValue: paise('against_value'),
    ecommerceGstin: varchar('ecommerce_gstin', { length: 15 }),
    ecommerceOperatorPays: boolean('ecommerce_operator_pays').notNull().default(false),
    selfInvoiceNumber: varchar('self_invoice_number', { length: 16 }),
    /** Receipts and payments: the bank or cash ledger and the amount. */
    counterLedgerId: ref('counter_ledger_id'),
    amount: paise('amount'),
    /** Set at posting: the classified supply and the document's value. */
    supplyType: varchar('supply_type', { length: 5 }),
    resolvedPlaceOfSupply: char('resolved_pos', { length: 2 }),
    zeroRated: boolean('zero_rated'),
    total: paise('total'),
    voucherId: ref('voucher_id'),
    reversedBy: ref('reversed_by'),
    reversesId: ref('reverses_id'),
    idempotencyKey: varchar('idempotency_key', { length: 80 }),
    createdAt: created(),
    postedAt: datetime('posted_at', { fsp: 3 }),
  },
  (t) => [
    uniqueIndex('acc_documents_series_number').on(
      t.companyId,
      t.fyId,
      t.type,
      t.seriesKey,
      t.number,
    ),
    uniqueIndex('acc_documents_idempotency').on(t.companyId, t.idempotencyKey),
    index('acc_documents_company_date').on(t.companyId, t.status, t.date),
  ],
);

/** Tax amounts are filled at posting from shared/gst/tax.ts and never recomputed. */
export const accDocumentLines = mysqlTable(
  'acc_document_lines',
  {
    documentId: ref('document_id').notNull(),
    lineNo: int('line_no').notNull(),
    hsn: varchar('hsn', { length: 8 }).notNull(),
    description: varchar('description', { length: 300 }).notNull(),
    uqc: varchar('uqc', { length: 3 }).notNull(),
    qty: bigint('qty_milli', { mode: 'bigint' }).notNull(),
    taxableValue: paise('taxable_value').notNull(),
    rate: bigint('rate', { mode: 'bigint' }).notNull(),
    cessRate: bigint('cess_rate', { mode: 'bigint' }).notNull(),
    treatment: varchar('treatment', { length: 8 }).notNull(),
    igst: paise('igst').notNull().default(sql`0`),
    cgst: paise('cgst').notNull().default(sql`0`),
    sgst: paise('sgst').notNull().default(sql`0`),
    cess: paise('cess').notNull().default(sql`0`),
  },
  (t) => [primaryKey({ columns: [t.documentId, t.lineNo] })],
);

export const accVouchers = mysqlTable(
  'acc_vouchers',
  {
    id: id(),
    companyId: ref('company_id').notNull(),
    fyId: ref('fy_id').notNull(),
    documentId: ref('document_id').notNull(),
    kind: varchar('kind', { length: 12 }).notNull(),
    date: date('date', { mode: 'string' }).notNull(),
    narration: varchar('narration', { length: 300 }).notNull(),
    createdAt: created(),
  },
  (t) => [index('acc_vouchers_company_date').on(t.companyId, t.date)],
);

/** One side per row: exactly one of debit and credit is positive, the other zero. */
export const accJournalLines = mysqlTable(
  'acc_journal_lines',
  {
    id: bigint('id', { mode: 'number', unsigned: true }).autoincrement().primaryKey(),
    voucherId: ref('voucher_id').notNull(),
    companyId: ref('company_id').notNull(),
    ledgerId: ref('ledger_id').notNull(),
    date: date('date', { mode: 'string' }).notNull(),
    debit: paise('debit').notNull(),
    credit: paise('credit').notNull(),
  },
  (t) => [
    index('acc_journal_ledger_date').on(t.companyId, t.ledgerId, t.date),
    index('acc_journal_voucher').on(t.voucherId),
  ],
);

/** The next number per company, financial year and document type; locked while posting. */
export const accNumberSeries = mysqlTable(
  'acc_number_series',
  {
    companyId: ref('company_id').notNull(),
    fyId: ref('fy_id').notNull(),
    type: varchar('type', { length: 12 }).notNull(),
    prefix: varchar('prefix', { length: 10 }).notNull(),
    nextNumber: int('next_number').notNull().default(1),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.fyId, t.type] })],
);
