/**
 * The chart of accounts every company starts with. Party ledgers (customers, suppliers) are
 * added under Sundry Debtors and Sundry Creditors the first time a party is used.
 */

/** Which side a group's balances normally sit on: assets and expenses debit, the rest credit. */
export type GroupNature = 'asset' | 'liability' | 'income' | 'expense';

export const GROUPS = [
  { code: 'sundry_debtors', name: 'Sundry Debtors', nature: 'asset' },
  { code: 'sundry_creditors', name: 'Sundry Creditors', nature: 'liability' },
  { code: 'sales', name: 'Sales Accounts', nature: 'income' },
  { code: 'purchases', name: 'Purchase Accounts', nature: 'expense' },
  { code: 'duties_taxes', name: 'Duties and Taxes', nature: 'liability' },
  { code: 'bank', name: 'Bank Accounts', nature: 'asset' },
  { code: 'cash', name: 'Cash-in-Hand', nature: 'asset' },
] as const satisfies readonly { code: string; name: string; nature: GroupNature }[];

export type GroupCode = (typeof GROUPS)[number]['code'];

export const SYSTEM_LEDGERS = [
  { code: 'sales', name: 'Sales', group: 'sales' },
  { code: 'purchases', name: 'Purchases', group: 'purchases' },
  { code: 'output_igst', name: 'Output IGST', group: 'duties_taxes' },
  { code: 'output_cgst', name: 'Output CGST', group: 'duties_taxes' },
  { code: 'output_sgst', name: 'Output SGST', group: 'duties_taxes' },
  { code: 'output_cess', name: 'Output Cess', group: 'duties_taxes' },
  { code: 'input_igst', name: 'Input IGST', group: 'duties_taxes' },
  { code: 'input_cgst', name: 'Input CGST', group: 'duties_taxes' },
  { code: 'input_sgst', name: 'Input SGST', group: 'duties_taxes' },
  { code: 'input_cess', name: 'Input Cess', group: 'duties_taxes' },
  // IGST and cess on imported goods are paid to customs on the bill of entry, not to the
  // supplier, so the purchase credits this ledger instead of the supplier's.
  { code: 'customs_igst', name: 'IGST and Cess Payable at Customs', group: 'duties_taxes' },
  { code: 'bank', name: 'Bank', group: 'bank' },
  { code: 'cash', name: 'Cash', group: 'cash' },
] as const satisfies readonly { code: string; name: string; group: GroupCode }[];

// Limitation: no Round Off ledger: invoice values are sums of per-line amounts already in
// paise, so there is nothing to round; rounding invoice totals to whole rupees is not offered.

export type SystemLedgerCode = (typeof SYSTEM_LEDGERS)[number]['code'];

/** Ledger ids of one company's system ledgers, by code. */
export type SystemLedgers = Readonly<Record<SystemLedgerCode, string>>;
