import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { GSTINS, rawLine } from '../../shared/gst/fixtures';
import { newID } from '../../shared/ids';
import type { Company } from '../../sync-server/accounting/companies';
import { gstReturns } from '../../sync-server/accounting/gst-returns';
import { importDocuments } from '../../sync-server/accounting/import';
import type { TenantConnection } from '../../sync-server/tenancy/pools';
import type { TestPlatform } from '../helpers/platform';
import { gstinFor, makeCompany, platformWithAcme } from './helpers';

/** More of shared/gst's worked cases, through the database: import, post, load, build. */

let t: TestPlatform;
let conn: TenantConnection;

const line = rawLine;
const mh = { party_gstin: GSTINS.mhBuyer, party_state: '27', reverse_charge: false };
const overseas = {
  party_gstin: null,
  party_name: 'Acme Inc',
  party_state: '96',
  reverse_charge: false,
};
const retailKa = {
  party_gstin: null,
  party_name: 'Walk-in Bengaluru',
  party_state: '29',
  reverse_charge: false,
};

async function company(gstin: string, filingFrequency: 'monthly' | 'quarterly'): Promise<Company> {
  return makeCompany(conn, { legalName: `Co ${gstin}`, gstin, stateCode: '27', filingFrequency });
}

async function importAll(c: Company, docs: unknown[]): Promise<void> {
  const r = await importDocuments(conn.db, c, docs, { now: new Date(), newId: newID });
  if (!r.ok) throw r.error;
}

beforeAll(async () => {
  ({ t, conn } = await platformWithAcme());
});

afterAll(async () => {
  await t.cleanup();
});

describe('October 2024, monthly filer', () => {
  let c: Company;

  beforeAll(async () => {
    c = await company(GSTINS.company, 'monthly');
    await importAll(c, [
      {
        type: 'sale',
        number: 'EXP-1',
        date: '2024-10-05',
        ...overseas,
        zero_rated_with_payment: true,
        shipping_bill: { port_code: 'INNSA1', number: '1234567', date: '2024-10-05' },
        lines: [line({ taxable_value: '50000.00' })],
      },
      {
        type: 'sale',
        number: 'EXP-2',
        date: '2024-10-06',
        ...overseas,
        lines: [line({ taxable_value: '30000.00' })],
      },
      {
        type: 'sale',
        number: 'SEZ-1',
        date: '2024-10-07',
        party_gstin: GSTINS.sezMh,
        party_state: '27',
        party_category: 'sez',
        reverse_charge: false,
        lines: [line({ taxable_value: '40000.00' })],
      },
      {
        type: 'credit_note',
        number: 'CN-R',
        date: '2024-10-08',
        ...mh,
        against: { number: 'INV-1', date: '2024-09-02', value: '11800.00' },
        lines: [line({ taxable_value: '10000.00' })],
      },
      {
        type: 'credit_note',
        number: 'CN-U',
        date: '2024-10-09',
        ...retailKa,
        against: { number: 'B2CL-9', date: '2024-09-10', value: '150000.00' },
        lines: [line({ taxable_value: '20000.00' })],
      },
      {
        type: 'sale',
        number: 'NIL-1',
        date: '2024-10-10',
        ...mh,
        lines: [
          line({
            hsn: '0713',
            description: 'Pulses',
            uqc: 'KGS',
            taxable_value: '5000.00',
            rate: 0,
            treatment: 'nil',
          }),
          line({
            hsn: '4901',
            description: 'Books',
            taxable_value: '3000.00',
            rate: 0,
            treatment: 'exempt',
          }),
        ],
      },
      {
        type: 'sale',
        number: 'H-1',
        date: '2024-10-11',
        ...mh,
        lines: [line({ hsn: '8504', description: 'Inverter', qty: 2, taxable_value: '1000.00' })],
      },
      {
        type: 'sale',
        number: 'H-2',
        date: '2024-10-12',
        ...mh,
        lines: [
          line({ hsn: '8504', description: 'Inverter', qty: 3, taxable_value: '1500.00' }),
          line({ hsn: '8504', description: 'Inverter', qty: 1, taxable_value: '500.00', rate: 12 }),
        ],
      },
    ]);
  });

  it('reports exports with and without payment, and SEZ without payment as SEWOP', async () => {
    const r = await gstReturns(conn.db, c, '102024');
    if (!r.ok) throw r.error;
    const g = r.value.gstr1;
    // EXP-1 pays IGST: 50,000 × 18% = 9,000; EXP-2 and SEZ-1 go under bond/LUT, no tax.
    expect(g.exp).toEqual([
      {
        exp_typ: 'WOPAY',
        inv: [
          {
            inum: 'EXP-2',
            idt: '06-10-2024',
            val: 30000,
            itms: [{ txval: 30000, rt: 18, iamt: 0, csamt: 0 }],
          },
        ],
      },
      {
        exp_typ: 'WPAY',
        inv: [
          {
            inum: 'EXP-1',
            idt: '05-10-2024',
            val: 59000,
            sbpcode: 'INNSA1',
            sbnum: '1234567',
            sbdt: '05-10-2024',
            itms: [{ txval: 50000, rt: 18, iamt: 9000, csamt: 0 }],
          },
        ],
      },
    ]);
    const sez = g.b2b?.find((b) => b.ctin === GSTINS.sezMh)?.inv;
    expect(sez).toEqual([
      {
        inum: 'SEZ-1',
        idt: '07-10-2024',
        val: 40000,
        pos: '27',
        rchrg: 'N',
        inv_typ: 'SEWOP',
        itms: [{ num: 1, itm_det: { rt: 18, txval: 40000, iamt: 0, csamt: 0 } }],
      },
    ]);
    // 3.1(b): 50,000 + 30,000 + 40,000 zero-rated, 9,000 IGST paid on EXP-1.
    expect(r.value.gstr3b.sup_details.osup_zero).toEqual({
      txval: 120000,
      iamt: 9000,
      camt: 0,
      samt: 0,
      csamt: 0,
    });
  });

  it('reports CDNR and CDNUR notes', async () => {
    const r = await gstReturns(conn.db, c, '102024');
    if (!r.ok) throw r.error;
    // CN-R: 10,000 intra-state, 9% + 9% = 900 each, value 11,800.
    expect(r.value.gstr1.cdnr).toEqual([
      {
        ctin: GSTINS.mhBuyer,
        nt: [
          {
            ntty: 'C',
            nt_num: 'CN-R',
            nt_dt: '08-10-2024',
            val: 11800,
            pos: '27',
            rchrg: 'N',
            inv_typ: 'R',
            itms: [{ num: 1, itm_det: { rt: 18, txval: 10000, camt: 900, samt: 900, csamt: 0 } }],
          },
        ],
      },
    ]);
    // CN-U: against a 1,50,000 inter-state B2C invoice (above 1 lakh), so CDNUR B2CL.
    expect(r.value.gstr1.cdnur).toEqual([
      {
        typ: 'B2CL',
        ntty: 'C',
        nt_num: 'CN-U',
        nt_dt: '09-10-2024',
        val: 23600,
        pos: '29',
        itms: [{ num: 1, itm_det: { rt: 18, txval: 20000, iamt: 3600, csamt: 0 } }],
      },
    ]);
  });

  it('reports nil and exempt lines in the nil table and 3.1(c) only', async () => {
    const r = await gstReturns(conn.db, c, '102024');
    if (!r.ok) throw r.error;
    expect(r.value.gstr1.nil).toEqual({
      inv: [{ sply_ty: 'INTRAB2B', nil_amt: 5000, expt_amt: 3000, ngsup_amt: 0 }],
    });
    expect(r.value.gstr1.b2b?.flatMap((b) => b.inv).map((i) => i.inum)).not.toContain('NIL-1');
    expect(r.value.gstr3b.sup_details.osup_nil_exmp.txval).toBe(8000);
  });

  it('aggregates HSN by code, unit and rate', async () => {
    const r = await gstReturns(conn.db, c, '102024');
    if (!r.ok) throw r.error;
    const hsn = r.value.gstr1.hsn;
    const rows =
      hsn !== undefined && 'data' in hsn ? hsn.data.filter((h) => h.hsn_sc === '8504') : [];
    // 18%: qty 2 + 3, 1,000 + 1,500 taxable, 90 + 135 each of CGST and SGST; 12% apart.
    expect(rows.map(({ num: _num, ...rest }) => rest)).toEqual([
      {
        hsn_sc: '8504',
        desc: 'Inverter',
        uqc: 'NOS',
        qty: 1,
        rt: 12,
        txval: 500,
        iamt: 0,
        camt: 30,
        samt: 30,
        csamt: 0,
      },
      {
        hsn_sc: '8504',
        desc: 'Inverter',
        uqc: 'NOS',
        qty: 5,
        rt: 18,
        txval: 2500,
        iamt: 0,
        camt: 225,
        samt: 225,
        csamt: 0,
      },
    ]);
  });
});

describe('quarterly filer across the 1 August 2024 B2CL limit change', () => {
  it('keeps a July invoice of 2,00,000.01 in B2CS and puts the same in August in B2CL', async () => {
    const c = await company(gstinFor('27', 4242), 'quarterly');
    // 1,69,491.53 × 18% = 30,508.4754 -> 30,508.48 IGST; value 2,00,000.01 each.
    const doc = { type: 'sale', ...retailKa, lines: [line({ taxable_value: '169491.53' })] };
    await importAll(c, [
      { ...doc, number: 'Q-1', date: '2024-07-20' },
      { ...doc, number: 'Q-2', date: '2024-08-20' },
    ]);
    const r = await gstReturns(conn.db, c, '092024');
    if (!r.ok) throw r.error;
    expect(r.value.gstr1.b2cs).toEqual([
      {
        sply_ty: 'INTER',
        pos: '29',
        typ: 'OE',
        rt: 18,
        txval: 169491.53,
        iamt: 30508.48,
        csamt: 0,
      },
    ]);
    expect(r.value.gstr1.b2cl).toEqual([
      {
        pos: '29',
        inv: [
          {
            inum: 'Q-2',
            idt: '20-08-2024',
            val: 200000.01,
            itms: [{ num: 1, itm_det: { rt: 18, txval: 169491.53, iamt: 30508.48, csamt: 0 } }],
          },
        ],
      },
    ]);
    const monthly = await gstReturns(conn.db, c, '082024');
    expect(!monthly.ok && monthly.error.message).toMatch(/quarterly period/);
  });
});
