import { STATE_CODES, type StateCode } from '../../../shared/gst/gstin';
import { abs, formatIndian, type Paise } from '../../../shared/money';

/** "₹1,18,000.00": accounts always show paise, in Indian digit grouping. */
export function inr(amount: Paise): string {
  const text = formatIndian(abs(amount));
  return amount < 0n ? `-₹${text}` : `₹${text}`;
}

/** A balance as accountants write it: "₹1,180.00 Dr" or "₹500.00 Cr"; zero has no side. */
export function drCr(balance: Paise): string {
  if (balance === 0n) return inr(0n);
  return `${inr(abs(balance))} ${balance > 0n ? 'Dr' : 'Cr'}`;
}

export function stateName(code: string): string {
  return code in STATE_CODES ? `${code} ${STATE_CODES[code as StateCode]}` : code;
}

export const DOCUMENT_LABELS = {
  sale: 'Sale invoice',
  purchase: 'Purchase invoice',
  credit_note: 'Credit note',
  debit_note: 'Debit note',
} as const;

/** The return period (MMYYYY) a date falls in, for a filer of that frequency. */
export function periodOf(date: string, frequency: 'monthly' | 'quarterly'): string {
  const year = date.slice(0, 4);
  const month = Number(date.slice(5, 7));
  const last = frequency === 'quarterly' ? Math.ceil(month / 3) * 3 : month;
  return `${String(last).padStart(2, '0')}${year}`;
}

/** The last 12 periods up to today's, newest first, for the filer's frequency. */
export function recentPeriods(date: string, frequency: 'monthly' | 'quarterly'): string[] {
  const step = frequency === 'quarterly' ? 3 : 1;
  let month = Number(periodOf(date, frequency).slice(0, 2));
  let year = Number(date.slice(0, 4));
  const out: string[] = [];
  for (let i = 0; i < 12; i += 1) {
    out.push(`${String(month).padStart(2, '0')}${year}`);
    month -= step;
    if (month <= 0) {
      month += 12;
      year -= 1;
    }
  }
  return out;
}
