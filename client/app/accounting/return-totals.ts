/**
 * Totals per section of a GSTR-1 and per table of a GSTR-3B, read back from the portal JSON
 * the server built, for the GST returns page. The JSON carries rupees as numbers with two
 * decimals; each is turned back into exact paise before adding, so a section's total is the
 * exact sum of its rows.
 */
import type { HsnJson } from '../../../shared/gst/gstr1-tables';
import type { ItemJson } from '../../../shared/gst/gstr1';
import type { Gstr3bJson } from '../../../shared/gst/gstr3b';
import type { Gstr1Json } from '../../../shared/gst/returns';
import { divideRounded, parseRupees, type Paise } from '../../../shared/money';

export interface HeadTotals {
  readonly taxableValue: Paise;
  readonly igst: Paise;
  readonly cgst: Paise;
  readonly sgst: Paise;
  readonly cess: Paise;
}

export interface SectionTotal extends HeadTotals {
  readonly section: string;
  readonly label: string;
  /** Invoices, notes or rows in the section. */
  readonly count: number;
}

const ZERO: HeadTotals = { taxableValue: 0n, igst: 0n, cgst: 0n, sgst: 0n, cess: 0n };

/** Rupees from the JSON as paise. A number that isn't a short decimal is rounded to paise. */
export function toPaise(rupees: number | undefined): Paise {
  if (rupees === undefined || !Number.isFinite(rupees)) return 0n;
  const parsed = parseRupees(rupees);
  if (parsed.ok) return parsed.value;
  return divideRounded(BigInt(Math.round(rupees * 1000)), 10n);
}

interface HeadsJson {
  readonly txval?: number;
  readonly iamt?: number;
  readonly camt?: number;
  readonly samt?: number;
  readonly csamt?: number;
}

function heads(rows: readonly HeadsJson[]): HeadTotals {
  let t = ZERO;
  for (const r of rows) {
    t = {
      taxableValue: t.taxableValue + toPaise(r.txval),
      igst: t.igst + toPaise(r.iamt),
      cgst: t.cgst + toPaise(r.camt),
      sgst: t.sgst + toPaise(r.samt),
      cess: t.cess + toPaise(r.csamt),
    };
  }
  return t;
}

const items = (docs: readonly { readonly itms: readonly ItemJson[] }[]) =>
  heads(docs.flatMap((d) => d.itms.map((i) => i.itm_det)));

export const GSTR1_LABELS: Readonly<Record<string, string>> = {
  b2b: '4A B2B: registered buyers',
  b2cl: '5 B2C large: inter-state to unregistered, above the limit',
  b2cs: '7 B2C small (by place of supply and rate)',
  cdnr: '9B Credit and debit notes to registered buyers',
  cdnur: '9B Credit and debit notes to unregistered buyers',
  exp: '6A Exports',
  nil: '8 Nil rated, exempt and non-GST',
  hsn: '12 HSN summary',
  doc_issue: '13 Documents issued',
  supeco: '14 Supplies through e-commerce operators',
};

function section(key: string, count: number, totals: HeadTotals): SectionTotal {
  return { section: key, label: GSTR1_LABELS[key] ?? key, count, ...totals };
}

function hsnRows(hsn: NonNullable<Gstr1Json['hsn']>): readonly HsnJson[] {
  return 'data' in hsn ? hsn.data : [...hsn.hsn_b2b, ...hsn.hsn_b2c];
}

/** One row per section present in the return, in the order the portal lists them. */
export function gstr1Totals(json: Gstr1Json): SectionTotal[] {
  const out: SectionTotal[] = [];
  if (json.b2b) {
    const inv = json.b2b.flatMap((p) => p.inv);
    out.push(section('b2b', inv.length, items(inv)));
  }
  if (json.b2cl) {
    const inv = json.b2cl.flatMap((p) => p.inv);
    out.push(section('b2cl', inv.length, items(inv)));
  }
  if (json.b2cs) out.push(section('b2cs', json.b2cs.length, heads(json.b2cs)));
  if (json.cdnr) {
    const nt = json.cdnr.flatMap((p) => p.nt);
    out.push(section('cdnr', nt.length, items(nt)));
  }
  if (json.cdnur) out.push(section('cdnur', json.cdnur.length, items(json.cdnur)));
  if (json.exp) {
    const inv = json.exp.flatMap((e) => e.inv);
    out.push(section('exp', inv.length, heads(inv.flatMap((i) => i.itms))));
  }
  if (json.nil) {
    // Table 8 has no tax; its three columns add up to the value of those supplies.
    const value = json.nil.inv.reduce(
      (sum, r) => sum + toPaise(r.nil_amt) + toPaise(r.expt_amt) + toPaise(r.ngsup_amt),
      0n,
    );
    out.push(section('nil', json.nil.inv.length, { ...ZERO, taxableValue: value }));
  }
  if (json.hsn) {
    const rows = hsnRows(json.hsn);
    out.push(section('hsn', rows.length, heads(rows)));
  }
  if (json.doc_issue) {
    const issued = json.doc_issue.doc_det
      .flatMap((d) => d.docs)
      .reduce((n, d) => n + d.net_issue, 0);
    out.push(section('doc_issue', issued, ZERO));
  }
  return out;
}

/** The GSTR-3B tables that carry amounts, as labelled rows. */
export function gstr3bTotals(json: Gstr3bJson): SectionTotal[] {
  const s = json.sup_details;
  const row = (key: string, label: string, totals: HeadTotals): SectionTotal => ({
    section: key,
    label,
    count: 0,
    ...totals,
  });
  const itc = json.itc_elg;
  return [
    row('3.1a', '3.1(a) Outward taxable supplies', heads([s.osup_det])),
    row('3.1b', '3.1(b) Zero rated (exports, SEZ)', heads([s.osup_zero])),
    row('3.1c', '3.1(c) Nil rated and exempt', heads([s.osup_nil_exmp])),
    row('3.1d', '3.1(d) Inward supplies under reverse charge', heads([s.isup_rev])),
    row('3.1e', '3.1(e) Non-GST outward supplies', heads([s.osup_nongst])),
    row('3.1.1', '3.1.1 Supplies through e-commerce operators', heads([json.eco_dtls.eco_sup])),
    row('3.2', '3.2 Inter-state to unregistered, composition, UIN', {
      ...ZERO,
      ...interState(json),
    }),
    row('4A', '4(A) ITC available', heads(itc.itc_avl)),
    row('4C', '4(C) Net ITC', heads([itc.itc_net])),
    row('5', '5 Exempt, nil and non-GST inward supplies', {
      ...ZERO,
      taxableValue: json.inward_sup.isup_details.reduce(
        (sum, r) => sum + toPaise(r.inter) + toPaise(r.intra),
        0n,
      ),
    }),
  ];
}

function interState(json: Gstr3bJson): Pick<HeadTotals, 'taxableValue' | 'igst'> {
  const all = [
    ...json.inter_sup.unreg_details,
    ...json.inter_sup.comp_details,
    ...json.inter_sup.uin_details,
  ];
  const t = heads(all);
  return { taxableValue: t.taxableValue, igst: t.igst };
}
