import { describe, expect, it } from 'vitest';

import { COMPANY, post, rawDoc, rawLine, unregistered } from './fixtures';
import { buildGstReturns, type GstReturns } from './returns';
import { csvCell, toCsv, toCsvReport, toCsvSections } from './returns-csv';

function returnsFor(raws: Parameters<typeof post>[0]): GstReturns {
  const result = buildGstReturns({ fp: '082024', company: COMPANY, documents: post(raws) });
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

describe('csvCell', () => {
  it('quotes commas, quotes and line breaks, doubling inner quotes', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('6" pipe')).toBe('"6"" pipe"');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(-12.5)).toBe('-12.5');
  });

  it('defuses text a spreadsheet would run as a formula', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
  });

  it('ends every row with CRLF', () => {
    expect(toCsv(['a', 'b'], [[1, 'x']])).toBe('a,b\r\n1,x\r\n');
  });
});

describe('toCsvSections', () => {
  const returns = () =>
    returnsFor([
      rawDoc({ lines: [rawLine({ description: 'Laptop, 14"', taxable_value: '1000.5' })] }),
      rawDoc({ ...unregistered('27'), number: 'INV-2', lines: [rawLine({ rate: 5 })] }),
    ]);

  it('has one CSV per GSTR-1 section with data and per GSTR-3B table', () => {
    expect(Object.keys(toCsvSections(returns()))).toEqual([
      'b2b',
      'b2cs',
      'hsn',
      'doc_issue',
      'gstr3b_3_1',
      'gstr3b_3_1_1',
      'gstr3b_3_2',
      'gstr3b_4',
      'gstr3b_5',
    ]);
  });

  it('flattens B2B to one row per rate with two-decimal amounts', () => {
    // 1,000.50 × 9% = 90.045 -> 90.05 each head; val 1,000.50 + 180.10 = 1,180.60.
    expect(toCsvSections(returns()).b2b).toBe(
      'ctin,inum,idt,val,pos,rchrg,inv_typ,etin,num,rt,txval,iamt,camt,samt,csamt\r\n' +
        '27AAACM9999K1ZJ,INV-1,05-08-2024,1180.60,27,N,R,,1,18,1000.50,0.00,90.05,90.05,0.00\r\n',
    );
  });

  it('quotes user text such as HSN descriptions', () => {
    const hsn = toCsvSections(returns()).hsn ?? '';
    expect(hsn.split('\r\n')[2]).toBe(
      '2,8471,"Laptop, 14""",NOS,1,18,1000.50,0.00,90.05,90.05,0.00',
    );
  });

  it('writes GSTR-3B table 3.1 with one row per nature of supply', () => {
    // (a) 1,000.50 + 1,000 = 2,000.50; CGST = SGST = 90.05 + 25.00 = 115.05.
    expect(toCsvSections(returns()).gstr3b_3_1).toBe(
      'nature,txval,iamt,camt,samt,csamt\r\n' +
        'osup_det,2000.50,0.00,115.05,115.05,0.00\r\n' +
        'osup_zero,0.00,0.00,0.00,0.00,0.00\r\n' +
        'osup_nil_exmp,0.00,0.00,0.00,0.00,0.00\r\n' +
        'isup_rev,0.00,0.00,0.00,0.00,0.00\r\n' +
        'osup_nongst,0.00,0.00,0.00,0.00,0.00\r\n',
    );
  });
});

describe('toCsvReport', () => {
  it('prints each section under a # header, separated by a blank line', () => {
    const report = toCsvReport(returnsFor([rawDoc()]));
    expect(report.startsWith('# b2b\r\nctin,')).toBe(true);
    expect(report).toContain('\r\n\r\n# hsn\r\n');
    expect(report).toContain('\r\n\r\n# gstr3b_5\r\nty,inter,intra\r\n');
  });
});
