import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { GSTINS, rawLine } from '../../shared/gst/fixtures';
import { createTestPlatform, type TestPlatform } from '../helpers/platform';
import { main } from '../../sync-server/cli/main';
import { importFile, rowCounts, run, tenantConn, unbalancedVouchers } from './helpers';

/**
 * The CLI end to end on the real database: company, import, and both returns of August 2024
 * compared with figures worked out by hand (shared/gst's cases, through the books).
 */

let t: TestPlatform;
const COMPANY = GSTINS.company; // Maharashtra, 27

const line = rawLine;
const retailKa = { party_gstin: null, party_name: 'Walk-in Bengaluru', party_state: '29' };

const AUGUST = [
  // Intra-state B2B, mixed rates merged per rate.
  {
    type: 'sale',
    number: 'INV-1',
    date: '2024-08-05',
    party_gstin: GSTINS.mhBuyer,
    party_name: 'Mumbai Traders',
    party_state: '27',
    reverse_charge: false,
    lines: [
      line({ taxable_value: '10000.00' }),
      line({ hsn: '8473', taxable_value: '2500.50' }),
      line({ hsn: '4820', description: 'Paper', taxable_value: '1234.57', rate: 12 }),
    ],
  },
  // Inter-state with cess.
  {
    type: 'sale',
    number: 'INV-2',
    date: '2024-08-06',
    party_gstin: GSTINS.kaBuyer,
    party_state: '29',
    reverse_charge: false,
    lines: [
      line({ hsn: '8703', description: 'Car', taxable_value: '54321.99', rate: 28, cess_rate: 12 }),
    ],
  },
  // Inter-state to an unregistered buyer worth exactly 1,00,000.00: stays B2CS.
  {
    type: 'sale',
    number: 'INV-3',
    date: '2024-08-10',
    ...retailKa,
    reverse_charge: false,
    lines: [line({ taxable_value: '84745.76' })],
  },
  // One paisa more: B2CL.
  {
    type: 'sale',
    number: 'INV-4',
    date: '2024-08-11',
    ...retailKa,
    reverse_charge: false,
    lines: [line({ taxable_value: '84745.77' })],
  },
  // A credit note against the B2CS invoice nets into B2CS.
  {
    type: 'credit_note',
    number: 'CN-1',
    date: '2024-08-20',
    ...retailKa,
    reverse_charge: false,
    against: { number: 'INV-3', date: '2024-08-10', value: '100000.00' },
    lines: [line({ taxable_value: '10000.00' })],
  },
  // Reverse-charge purchase of transport from Tamil Nadu: 3.1(d) and ITC (ISRC).
  {
    type: 'purchase',
    number: 'TN/77',
    date: '2024-08-12',
    party_gstin: GSTINS.tnSupplier,
    party_state: '33',
    reverse_charge: true,
    lines: [
      line({
        hsn: '9965',
        description: 'Goods transport',
        uqc: 'NA',
        taxable_value: '20000.00',
        rate: 5,
      }),
    ],
  },
  // Ordinary purchase within the state: ITC (OTH).
  {
    type: 'purchase',
    number: '1',
    date: '2024-08-14',
    party_gstin: GSTINS.mhBuyer,
    party_state: '27',
    reverse_charge: false,
    lines: [line({ taxable_value: '5000.00' })],
  },
];

beforeAll(async () => {
  t = await createTestPlatform();
  await t.tenant('acme');
  await t.tenant('globex');
});

afterAll(async () => {
  await t.cleanup();
});

describe('company:create', () => {
  it('creates a company and refuses a bad GSTIN with exit 2', async () => {
    const bad = await run(t, [
      'company:create',
      'acme',
      '--name',
      'X',
      '--gstin',
      '27AAPFU0939F1ZA',
      '--state',
      '27',
    ]);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/check character/);

    const ok = await run(t, [
      'company:create',
      'acme',
      '--name',
      'Acme Traders LLP',
      '--gstin',
      COMPANY,
      '--state',
      '27',
    ]);
    expect(ok).toMatchObject({ code: 0, err: '' });
    expect(ok.out).toContain(COMPANY);

    const again = await run(t, [
      'company:create',
      'acme',
      '--name',
      'Acme',
      '--gstin',
      COMPANY,
      '--state',
      '27',
    ]);
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/already exists/);
  });

  it('needs its flags', async () => {
    const r = await run(t, ['company:create', 'acme', '--name', 'X', '--state', '27']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--gstin is required/);
  });
});

describe('invoices:import then gst:gstr1 and gst:gstr3b (worked cases, August 2024)', () => {
  it('imports the month', async () => {
    const r = await run(t, [
      'invoices:import',
      'acme',
      '--company',
      COMPANY,
      importFile(t, 'aug.json', AUGUST),
    ]);
    expect(r.err).toBe('');
    expect(r).toMatchObject({
      code: 0,
      out: 'Imported and posted 7 documents for 27AAPFU0939F1ZV.',
    });
    expect(await unbalancedVouchers(await tenantConn(t, 'acme'))).toEqual([]);
  });

  it('writes GSTR-1 with b2b, the b2cl boundary and B2CS net of the credit note', async () => {
    const r = await run(t, ['gst:gstr1', 'acme', '--company', COMPANY, '--period', '082024']);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    const g = JSON.parse(r.out);
    expect(g).toMatchObject({ gstin: COMPANY, fp: '082024' });
    // INV-1: 18%: 10,000.00 × 9% = 900.00 and 2,500.50 × 9% = 225.045 -> 225.05 per head;
    // 12%: 1,234.57 × 6% = 74.0742 -> 74.07. val = 13,735.07 + 2 × (1,125.05 + 74.07).
    // INV-2: IGST 54,321.99 × 28% = 15,210.16; cess × 12% = 6,518.64; val 76,050.79.
    expect(g.b2b).toEqual([
      {
        ctin: GSTINS.mhBuyer,
        inv: [
          {
            inum: 'INV-1',
            idt: '05-08-2024',
            val: 16133.31,
            pos: '27',
            rchrg: 'N',
            inv_typ: 'R',
            itms: [
              { num: 1, itm_det: { rt: 12, txval: 1234.57, camt: 74.07, samt: 74.07, csamt: 0 } },
              {
                num: 2,
                itm_det: { rt: 18, txval: 12500.5, camt: 1125.05, samt: 1125.05, csamt: 0 },
              },
            ],
          },
        ],
      },
      {
        ctin: GSTINS.kaBuyer,
        inv: [
          {
            inum: 'INV-2',
            idt: '06-08-2024',
            val: 76050.79,
            pos: '29',
            rchrg: 'N',
            inv_typ: 'R',
            itms: [
              { num: 1, itm_det: { rt: 28, txval: 54321.99, iamt: 15210.16, csamt: 6518.64 } },
            ],
          },
        ],
      },
    ]);
    // INV-4: 84,745.77 × 18% = 15,254.2386 -> 15,254.24; value 1,00,000.01 > 1 lakh.
    expect(g.b2cl).toEqual([
      {
        pos: '29',
        inv: [
          {
            inum: 'INV-4',
            idt: '11-08-2024',
            val: 100000.01,
            itms: [{ num: 1, itm_det: { rt: 18, txval: 84745.77, iamt: 15254.24, csamt: 0 } }],
          },
        ],
      },
    ]);
    // INV-3: 84,745.76 + 15,254.24 = exactly 1,00,000.00, so B2CS; less CN-1 (10,000 + 1,800).
    expect(g.b2cs).toEqual([
      { sply_ty: 'INTER', pos: '29', typ: 'OE', rt: 18, txval: 74745.76, iamt: 13454.24, csamt: 0 },
    ]);
    expect(g.cdnr).toBeUndefined();
    expect(g.cdnur).toBeUndefined();
    expect(g.doc_issue.doc_det.map((d: { doc_num: number }) => d.doc_num)).toEqual([1, 5]);
  });

  it('writes GSTR-3B with 3.1(a), 3.1(d), 3.2 and ITC from the same books', async () => {
    const r = await run(t, ['gst:gstr3b', 'acme', '--company', COMPANY, '--period', '082024']);
    expect(r.code).toBe(0);
    const g = JSON.parse(r.out);
    // txval 13,735.07 + 54,321.99 + 84,745.76 + 84,745.77 - 10,000 = 2,27,548.59;
    // IGST 15,210.16 + 15,254.24 × 2 - 1,800 = 43,918.64.
    expect(g.sup_details.osup_det).toEqual({
      txval: 227548.59,
      iamt: 43918.64,
      camt: 1199.12,
      samt: 1199.12,
      csamt: 6518.64,
    });
    // Transport from Tamil Nadu under reverse charge: 20,000 × 5% IGST = 1,000.
    expect(g.sup_details.isup_rev).toEqual({
      txval: 20000,
      iamt: 1000,
      camt: 0,
      samt: 0,
      csamt: 0,
    });
    expect(g.inter_sup.unreg_details).toEqual([{ pos: '29', txval: 159491.53, iamt: 28708.48 }]);
    expect(g.itc_elg.itc_avl).toEqual([
      { ty: 'IMPG', iamt: 0, camt: 0, samt: 0, csamt: 0 },
      { ty: 'IMPS', iamt: 0, camt: 0, samt: 0, csamt: 0 },
      { ty: 'ISRC', iamt: 1000, camt: 0, samt: 0, csamt: 0 },
      { ty: 'ISD', iamt: 0, camt: 0, samt: 0, csamt: 0 },
      { ty: 'OTH', iamt: 0, camt: 450, samt: 450, csamt: 0 },
    ]);
    expect(g.itc_elg.itc_net).toEqual({ iamt: 1000, camt: 450, samt: 450, csamt: 0 });
  });

  it('writes CSV with only that return on stdout', async () => {
    const r = await run(t, [
      'gst:gstr1',
      'acme',
      '--company',
      COMPANY,
      '--period',
      '082024',
      '--format',
      'csv',
    ]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('# b2cs\r\n');
    expect(r.out).not.toContain('gstr3b');
    const b = await run(t, [
      'gst:gstr3b',
      'acme',
      '--company',
      COMPANY,
      '--period',
      '082024',
      '--format',
      'csv',
    ]);
    expect(b.out.startsWith('# gstr3b_3_1\r\n')).toBe(true);
    expect(b.out).not.toContain('# b2b');
  });

  it('refuses a bad period or format with exit 2', async () => {
    const quarter = await run(t, ['gst:gstr1', 'acme', '--company', COMPANY, '--period', '132024']);
    expect(quarter.code).toBe(2);
    expect(quarter.out).toBe('');
    const format = await run(t, [
      'gst:gstr1',
      'acme',
      '--company',
      COMPANY,
      '--period',
      '082024',
      '--format',
      'xml',
    ]);
    expect(format.code).toBe(2);
  });
});

describe('all-or-nothing import', () => {
  it('refuses the whole file for one bad line and changes nothing', async () => {
    const conn = await tenantConn(t, 'acme');
    const before = await rowCounts(conn);
    const file = importFile(t, 'bad.json', [
      { ...AUGUST[0], number: 'INV-10' },
      { ...AUGUST[1], number: 'INV-11', lines: [line({}), line({ rate: 7 })] },
    ]);
    const r = await run(t, ['invoices:import', 'acme', '--company', COMPANY, file]);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain(
      'document 1 (INV-11), line 1, rate: 7% is not a GST rate on 2024-08-06',
    );
    expect(await rowCounts(conn)).toEqual(before);
  });

  it('refuses a number already used in the series, naming the document', async () => {
    const conn = await tenantConn(t, 'acme');
    const before = await rowCounts(conn);
    const file = importFile(t, 'dup.json', [
      { ...AUGUST[0], number: 'INV-12', date: '2024-09-01' },
      {
        ...AUGUST[0],
        number: 'INV-2',
        date: '2024-09-02',
        party_gstin: GSTINS.sezMh,
        party_category: 'sez',
      },
    ]);
    const r = await run(t, ['invoices:import', 'acme', '--company', COMPANY, file]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('document 1 (INV-2), number: INV-2 is already used in the sale series');
    expect(await rowCounts(conn)).toEqual(before);
  });

  it("keeps purchase numbers per supplier: another supplier's 1 is fine, the same supplier's is not", async () => {
    const purchase = { ...AUGUST[6], date: '2024-09-03' };
    const other = importFile(t, 'p1.json', [
      { ...purchase, party_gstin: GSTINS.tnSupplier, party_state: '33' },
    ]);
    expect((await run(t, ['invoices:import', 'acme', '--company', COMPANY, other])).code).toBe(0);
    const same = importFile(t, 'p2.json', [purchase]);
    const r = await run(t, ['invoices:import', 'acme', '--company', COMPANY, same]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(
      'document 0 (1), number: 1 is already used in the purchase series of 2024-25',
    );
  });

  it('refuses an invalid GSTIN, an unknown state and a negative quantity together', async () => {
    const file = importFile(t, 'many.json', [
      { ...AUGUST[0], number: 'INV-13', party_gstin: '27AAACM9999K1ZX' },
      { ...AUGUST[2], number: 'INV-14', party_state: '55' },
      { ...AUGUST[0], number: 'INV-15', lines: [line({ qty: -1 })] },
    ]);
    const r = await run(t, ['invoices:import', 'acme', '--company', COMPANY, file]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('document 0 (INV-13), party_gstin');
    expect(r.err).toContain('document 1 (INV-14), party_state');
    expect(r.err).toContain('document 2 (INV-15), line 0, qty: must not be negative');
  });

  it('refuses a file that is not JSON with exit 2', async () => {
    const file = importFile(t, 'not.json', 'x');
    const r = await run(t, ['invoices:import', 'acme', '--company', COMPANY, `${file}.missing`]);
    expect(r.code).toBe(2);
  });
});

describe('company scoping', () => {
  it("fails for another tenant's company GSTIN", async () => {
    const made = await run(t, [
      'company:create',
      'globex',
      '--name',
      'Globex',
      '--gstin',
      GSTINS.kaBuyer,
      '--state',
      '29',
    ]);
    expect(made.code).toBe(0);
    const r = await run(t, [
      'gst:gstr1',
      'acme',
      '--company',
      GSTINS.kaBuyer,
      '--period',
      '082024',
    ]);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/no company 29AAACR5055K1Z3 in this workspace/);
    const imp = await run(t, [
      'invoices:import',
      'globex',
      '--company',
      COMPANY,
      importFile(t, 'x.json', AUGUST),
    ]);
    expect(imp.code).toBe(2);
  });

  it('fails for an unknown tenant', async () => {
    const r = await run(t, ['gst:gstr3b', 'nobody', '--company', COMPANY, '--period', '082024']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/no tenant "nobody"/);
  });
});

describe('closed financial year', () => {
  it('takes no new postings', async () => {
    const closed = await run(t, [
      'fy:close',
      'globex',
      '--company',
      GSTINS.kaBuyer,
      '--date',
      '2023-05-01',
    ]);
    expect(closed).toMatchObject({ code: 0 });
    const file = importFile(t, 'old.json', [
      {
        ...AUGUST[0],
        number: 'OLD-1',
        date: '2023-06-01',
        party_gstin: GSTINS.mhBuyer,
        party_state: '27',
      },
    ]);
    const r = await run(t, ['invoices:import', 'globex', '--company', GSTINS.kaBuyer, file]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(
      'document 0 (OLD-1), date: the financial year from 2023-04-01 is closed',
    );
  });
});

describe('main()', () => {
  it('runs the commands from argv against the configured platform, only the return on stdout', async () => {
    const saved = { ...process.env };
    Object.assign(process.env, {
      NODE_ENV: 'test',
      FOCUS_DB_PREFIX: t.prefix,
      FOCUS_DATA_DIR: t.dataDir,
      FOCUS_MASTER_KEY: t.masterKeyB64,
      LOG_LEVEL: 'silent',
    });
    try {
      const out: string[] = [];
      const err: string[] = [];
      const io = { out: (l: string) => out.push(l), err: (l: string) => err.push(l) };
      const argv = ['gst:gstr3b', 'acme', '--company', COMPANY, '--period', '082024'];
      expect(await main(argv, io)).toBe(0);
      expect(err).toEqual([]);
      expect(JSON.parse(out.join('\n'))).toMatchObject({ gstin: COMPANY, ret_period: '082024' });

      out.length = 0;
      const bad = ['gst:gstr1', 'acme', '--company', GSTINS.tnSupplier, '--period', '082024'];
      expect(await main(bad, io)).toBe(2);
      expect(out).toEqual([]);
      expect(err.join('\n')).toMatch(/no company/);
    } finally {
      process.env = saved;
    }
  });
});
