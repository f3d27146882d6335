/**
 * CSV exports of each GSTR-1 section and GSTR-3B table, one CSV per section, flattened to one
 * row per item. Amounts print with two decimals.
 */
import type { ItemJson, TaxHeadsJson } from './gstr1';
import type { AmountsJson } from './gstr3b';
import type { GstReturns } from './returns';

type Cell = string | number | null | undefined;

/**
 * RFC 4180 quoting. Text that a spreadsheet would run as a formula (=, +, -, @ first) gets a
 * leading apostrophe, since descriptions and names come from users. Numbers are never text.
 */
export function csvCell(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') return String(cell);
  const safe = /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** Two decimals for amounts; numbers here came from exact paise, so toFixed is exact. */
const money = (n: number | undefined): string => (n ?? 0).toFixed(2);

const TAX_HEADER = ['rt', 'txval', 'iamt', 'camt', 'samt', 'csamt'] as const;

function taxCells(rt: number, t: TaxHeadsJson): Cell[] {
  return [rt, money(t.txval), money(t.iamt), money(t.camt), money(t.samt), money(t.csamt)];
}

function itemCells(item: ItemJson): Cell[] {
  return [item.num, ...taxCells(item.itm_det.rt, item.itm_det)];
}

type Gstr1 = GstReturns['gstr1'];
const INV_HEADER = ['inum', 'idt', 'val'] as const;
const NOTE_HEADER = ['ntty', 'nt_num', 'nt_dt', 'val'] as const;

function b2bCsv(g: Gstr1): string | null {
  if (!g.b2b) return null;
  const rows = g.b2b.flatMap(({ ctin, inv }) =>
    inv.flatMap((i) =>
      i.itms.map((it) => [
        ...[ctin, i.inum, i.idt, money(i.val), i.pos, i.rchrg, i.inv_typ, i.etin],
        ...itemCells(it),
      ]),
    ),
  );
  const header = ['ctin', ...INV_HEADER, 'pos', 'rchrg', 'inv_typ', 'etin', 'num', ...TAX_HEADER];
  return toCsv(header, rows);
}

function b2clCsv(g: Gstr1): string | null {
  if (!g.b2cl) return null;
  const rows = g.b2cl.flatMap(({ pos, inv }) =>
    inv.flatMap((i) =>
      i.itms.map((it) => [pos, i.inum, i.idt, money(i.val), i.etin, ...itemCells(it)]),
    ),
  );
  return toCsv(['pos', ...INV_HEADER, 'etin', 'num', ...TAX_HEADER], rows);
}

function b2csCsv(g: Gstr1): string | null {
  if (!g.b2cs) return null;
  const rows = g.b2cs.map((r) => [r.sply_ty, r.pos, r.typ, r.etin, ...taxCells(r.rt, r)]);
  return toCsv(['sply_ty', 'pos', 'typ', 'etin', ...TAX_HEADER], rows);
}

function cdnrCsv(g: Gstr1): string | null {
  if (!g.cdnr) return null;
  const rows = g.cdnr.flatMap(({ ctin, nt }) =>
    nt.flatMap((n) =>
      n.itms.map((it) => [
        ...[ctin, n.ntty, n.nt_num, n.nt_dt, money(n.val), n.pos, n.rchrg, n.inv_typ],
        ...itemCells(it),
      ]),
    ),
  );
  const header = ['ctin', ...NOTE_HEADER, 'pos', 'rchrg', 'inv_typ', 'num', ...TAX_HEADER];
  return toCsv(header, rows);
}

function cdnurCsv(g: Gstr1): string | null {
  if (!g.cdnur) return null;
  const rows = g.cdnur.flatMap((n) =>
    n.itms.map((it) => [n.typ, n.ntty, n.nt_num, n.nt_dt, money(n.val), n.pos, ...itemCells(it)]),
  );
  return toCsv(['typ', ...NOTE_HEADER, 'pos', 'num', ...TAX_HEADER], rows);
}

function expCsv(g: Gstr1): string | null {
  if (!g.exp) return null;
  const rows = g.exp.flatMap(({ exp_typ, inv }) =>
    inv.flatMap((i) =>
      i.itms.map((it) => [
        ...[exp_typ, i.inum, i.idt, money(i.val), i.sbpcode, i.sbnum, i.sbdt, it.rt],
        ...[money(it.txval), money(it.iamt), money(it.csamt)],
      ]),
    ),
  );
  const header = ['exp_typ', ...INV_HEADER, 'sbpcode', 'sbnum', 'sbdt', 'rt', 'txval', 'iamt'];
  return toCsv([...header, 'csamt'], rows);
}

function nilCsv(g: Gstr1): string | null {
  if (!g.nil) return null;
  const rows = g.nil.inv.map((r) => [
    ...[r.sply_ty, money(r.nil_amt), money(r.expt_amt), money(r.ngsup_amt)],
  ]);
  return toCsv(['sply_ty', 'nil_amt', 'expt_amt', 'ngsup_amt'], rows);
}

/** Before May 2025 one `hsn` table; from then `hsn_b2b` and `hsn_b2c`. */
function hsnCsv(g: Gstr1): Record<string, string> {
  if (!g.hsn) return {};
  const tables = 'data' in g.hsn ? { hsn: g.hsn.data } : { ...g.hsn };
  const header = ['num', 'hsn_sc', 'desc', 'uqc', 'qty', ...TAX_HEADER];
  return Object.fromEntries(
    Object.entries(tables).map(([name, list]) => [
      name,
      toCsv(
        header,
        list.map((r) => [r.num, r.hsn_sc, r.desc, r.uqc, r.qty, ...taxCells(r.rt, r)]),
      ),
    ]),
  );
}

function docIssueCsv(g: Gstr1): string | null {
  if (!g.doc_issue) return null;
  const rows = g.doc_issue.doc_det.flatMap(({ doc_num, docs }) =>
    docs.map((d) => [doc_num, d.num, d.from, d.to, d.totnum, d.cancel, d.net_issue]),
  );
  return toCsv(['doc_num', 'num', 'from', 'to', 'totnum', 'cancel', 'net_issue'], rows);
}

function supecoCsv(g: Gstr1): string | null {
  const supeco = g.supeco;
  if (!supeco) return null;
  const rows = (['clttx', 'paytx'] as const).flatMap((kind) =>
    (supeco[kind] ?? []).map((r) => [
      ...[kind, r.etin, money(r.suppval)],
      ...[money(r.igst), money(r.cgst), money(r.sgst), money(r.cess)],
    ]),
  );
  return toCsv(['kind', 'etin', 'suppval', 'igst', 'cgst', 'sgst', 'cess'], rows);
}

function gstr1Csv(g: Gstr1): Record<string, string> {
  const sections: [string, string | null][] = [
    ['b2b', b2bCsv(g)],
    ['b2cl', b2clCsv(g)],
    ['b2cs', b2csCsv(g)],
    ['cdnr', cdnrCsv(g)],
    ['cdnur', cdnurCsv(g)],
    ['exp', expCsv(g)],
    ['nil', nilCsv(g)],
  ];
  const present = sections.filter((entry): entry is [string, string] => entry[1] !== null);
  const tail: [string, string | null][] = [
    ['doc_issue', docIssueCsv(g)],
    ['supeco', supecoCsv(g)],
  ];
  const presentTail = tail.filter((entry): entry is [string, string] => entry[1] !== null);
  return { ...Object.fromEntries(present), ...hsnCsv(g), ...Object.fromEntries(presentTail) };
}

const AMOUNT_HEADER = ['txval', 'iamt', 'camt', 'samt', 'csamt'] as const;

function amountCells(a: AmountsJson): Cell[] {
  return [money(a.txval), ...taxOnlyCells(a)];
}

function taxOnlyCells(t: Omit<AmountsJson, 'txval'>): Cell[] {
  return [money(t.iamt), money(t.camt), money(t.samt), money(t.csamt)];
}

function gstr3bCsv(g: GstReturns['gstr3b']): Record<string, string> {
  const sup = Object.entries(g.sup_details).map(([nature, a]) => [nature, ...amountCells(a)]);
  const eco = [
    ['eco_sup', ...amountCells(g.eco_dtls.eco_sup)],
    ['eco_reg_sup', money(g.eco_dtls.eco_reg_sup.txval), '', '', '', ''],
  ];
  const inter = Object.entries(g.inter_sup).flatMap(([kind, list]) =>
    list.map((r) => [kind, r.pos, money(r.txval), money(r.iamt)]),
  );
  const { itc_avl, itc_rev, itc_net, itc_inelg } = g.itc_elg;
  const itc = [
    ...itc_avl.map((r) => ['itc_avl', r.ty, ...taxOnlyCells(r)]),
    ...itc_rev.map((r) => ['itc_rev', r.ty, ...taxOnlyCells(r)]),
    ['itc_net', '', ...taxOnlyCells(itc_net)],
    ...itc_inelg.map((r) => ['itc_inelg', r.ty, ...taxOnlyCells(r)]),
  ];
  const inward = g.inward_sup.isup_details.map((r) => [r.ty, money(r.inter), money(r.intra)]);
  return {
    gstr3b_3_1: toCsv(['nature', ...AMOUNT_HEADER], sup),
    gstr3b_3_1_1: toCsv(['nature', ...AMOUNT_HEADER], eco),
    gstr3b_3_2: toCsv(['kind', 'pos', 'txval', 'iamt'], inter),
    gstr3b_4: toCsv(['section', 'ty', 'iamt', 'camt', 'samt', 'csamt'], itc),
    gstr3b_5: toCsv(['ty', 'inter', 'intra'], inward),
  };
}

/** One CSV per GSTR-1 section that has data, then one per GSTR-3B table. */
export function toCsvSections(returns: GstReturns): Record<string, string> {
  return { ...gstr1Csv(returns.gstr1), ...gstr3bCsv(returns.gstr3b) };
}

/** Every section's CSV under a `# section` header line, for printing to stdout. */
export function toCsvReport(returns: GstReturns): string {
  return Object.entries(toCsvSections(returns))
    .map(([section, csv]) => `# ${section}\r\n${csv}`)
    .join('\r\n');
}
