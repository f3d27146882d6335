/**
 * Double entry for each document type: which ledgers a posted document debits and credits.
 * Pure: the posting transaction resolves ledger ids first and checks `assertBalanced` before
 * it writes anything.
 */
import { appError } from '../../shared/errors';
import type { Paise } from '../../shared/money';
import type { PostedDocument, PostedLine } from '../../shared/gst/posting';
import type { SystemLedgers } from './chart';

export interface JournalEntry {
  readonly ledgerId: string;
  readonly debit: Paise;
  readonly credit: Paise;
}

interface TaxTotals {
  igst: Paise;
  cgst: Paise;
  sgst: Paise;
  cess: Paise;
}

const zeroTax = (): TaxTotals => ({ igst: 0n, cgst: 0n, sgst: 0n, cess: 0n });

function addTax(into: TaxTotals, line: PostedLine): void {
  into.igst += line.tax.igst;
  into.cgst += line.tax.cgst;
  into.sgst += line.tax.sgst;
  into.cess += line.tax.cess;
}

const taxSum = (t: TaxTotals): Paise => t.igst + t.cgst + t.sgst + t.cess;

/** Collects amounts per ledger and side, then nets each ledger to one line. */
class Entries {
  private readonly net = new Map<string, Paise>();

  debit(ledgerId: string, amount: Paise): this {
    this.net.set(ledgerId, (this.net.get(ledgerId) ?? 0n) + amount);
    return this;
  }

  credit(ledgerId: string, amount: Paise): this {
    return this.debit(ledgerId, -amount);
  }

  taxes(ledgers: SystemLedgers, side: 'input' | 'output', t: TaxTotals, dir: 1n | -1n): this {
    this.debit(ledgers[`${side}_igst`], dir * t.igst);
    this.debit(ledgers[`${side}_cgst`], dir * t.cgst);
    this.debit(ledgers[`${side}_sgst`], dir * t.sgst);
    return this.debit(ledgers[`${side}_cess`], dir * t.cess);
  }

  lines(): JournalEntry[] {
    return [...this.net.entries()]
      .filter(([, amount]) => amount !== 0n)
      .map(([ledgerId, amount]) =>
        amount > 0n
          ? { ledgerId, debit: amount, credit: 0n }
          : { ledgerId, debit: 0n, credit: -amount },
      );
  }
}

/**
 * Outward documents. The tax is booked only when the company collects it: under reverse
 * charge the buyer pays it, and under section 9(5) the e-commerce operator does, so then the
 * customer owes only the taxable value. A credit note is the mirror image of an invoice.
 */
function outwardEntries(doc: PostedDocument, party: string, ledgers: SystemLedgers): Entries {
  const collects = !doc.reverseCharge && !doc.ecommerceOperatorPays;
  const taxable = doc.lines.reduce((sum, l) => sum + l.taxableValue, 0n);
  const tax = zeroTax();
  if (collects) doc.lines.forEach((l) => addTax(tax, l));
  const note = doc.type === 'credit_note';
  const dir = note ? -1n : 1n;
  return new Entries()
    .debit(party, dir * (taxable + taxSum(tax)))
    .credit(ledgers.sales, dir * taxable)
    .taxes(ledgers, 'output', tax, note ? 1n : -1n);
}

/** Who is paid a purchase line's GST: the supplier, the government under reverse charge, or customs. */
export type InwardTaxPayee = 'supplier' | 'reverse_charge' | 'customs';

export function inwardTaxPayee(doc: PostedDocument, line: PostedLine): InwardTaxPayee {
  const service = line.hsn.startsWith('99');
  if (doc.partyCategory === 'overseas') return service ? 'reverse_charge' : 'customs';
  if (doc.partyCategory === 'sez' && !service) return 'customs';
  return doc.reverseCharge ? 'reverse_charge' : 'supplier';
}

/**
 * Purchases. All GST on them is input credit; the credit side depends on who is paid it:
 * the supplier (in the invoice value), the company's own output liability under reverse
 * charge, or customs on imported goods.
 *
 * Limitation: all input tax is treated as eligible credit; blocked credit (section 17(5))
 * would go to the purchase cost instead, and the import shape has no flag for it.
 */
function purchaseEntries(doc: PostedDocument, party: string, ledgers: SystemLedgers): Entries {
  const charged = zeroTax();
  const reverse = zeroTax();
  const customs = zeroTax();
  let taxable = 0n;
  for (const line of doc.lines) {
    taxable += line.taxableValue;
    const payee = inwardTaxPayee(doc, line);
    addTax(payee === 'supplier' ? charged : payee === 'reverse_charge' ? reverse : customs, line);
  }
  const all: TaxTotals = {
    igst: charged.igst + reverse.igst + customs.igst,
    cgst: charged.cgst + reverse.cgst + customs.cgst,
    sgst: charged.sgst + reverse.sgst + customs.sgst,
    cess: charged.cess + reverse.cess + customs.cess,
  };
  return new Entries()
    .debit(ledgers.purchases, taxable)
    .taxes(ledgers, 'input', all, 1n)
    .credit(party, taxable + taxSum(charged))
    .taxes(ledgers, 'output', reverse, -1n)
    .credit(ledgers.customs_igst, taxSum(customs));
}

export function documentEntries(
  doc: PostedDocument,
  partyLedgerId: string,
  ledgers: SystemLedgers,
): JournalEntry[] {
  const entries =
    doc.type === 'purchase'
      ? purchaseEntries(doc, partyLedgerId, ledgers)
      : outwardEntries(doc, partyLedgerId, ledgers);
  return entries.lines();
}

/** A receipt debits the bank or cash ledger; a payment credits it. */
export function settlementEntries(
  type: 'receipt' | 'payment',
  amount: Paise,
  partyLedgerId: string,
  counterLedgerId: string,
): JournalEntry[] {
  const entries = new Entries();
  if (type === 'receipt') entries.debit(counterLedgerId, amount).credit(partyLedgerId, amount);
  else entries.debit(partyLedgerId, amount).credit(counterLedgerId, amount);
  return entries.lines();
}

/** The same entries with debit and credit swapped: what a reversal posts. */
export function reversedEntries(entries: readonly JournalEntry[]): JournalEntry[] {
  return entries.map((e) => ({ ledgerId: e.ledgerId, debit: e.credit, credit: e.debit }));
}

/**
 * Debits equal credits, every line is one-sided and positive, and something is posted.
 * A failure is a broken invariant (a bug in this module), so it throws rather than returns.
 */
export function assertBalanced(entries: readonly JournalEntry[]): void {
  let debits = 0n;
  let credits = 0n;
  for (const e of entries) {
    const oneSided = (e.debit > 0n && e.credit === 0n) || (e.credit > 0n && e.debit === 0n);
    if (!oneSided) throw appError('internal', `journal line for ${e.ledgerId} is not one-sided`);
    debits += e.debit;
    credits += e.credit;
  }
  if (debits !== credits) {
    throw appError('internal', `voucher does not balance: debits ${debits}, credits ${credits}`);
  }
  if (debits === 0n) throw appError('internal', 'voucher has no amounts');
}
