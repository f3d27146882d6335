/**
 * The GST return summary for one period: GSTR-1 and GSTR-3B in the portal's JSON shapes,
 * built from posted documents. Database-free: the caller loads the period's documents.
 */
import { err, ok, type Result } from '../errors';
import type { Gstin, StateCode } from './gstin';
import {
  buildDocIssue,
  buildHsn,
  buildNil,
  buildSupeco,
  type DocIssueJson,
  type HsnSectionJson,
  type NilJson,
  type SupecoJson,
} from './gstr1-tables';
import { buildInvoiceSections, type Gstr1InvoiceSections } from './gstr1';
import { computeGstr3b, toGstr3bJson, type Gstr3bFigures, type Gstr3bJson } from './gstr3b';
import {
  isInPeriod,
  parseReturnPeriod,
  type FilingFrequency,
  type PeriodError,
  type ReturnPeriod,
} from './period';
import type { PostedDocument } from './posting';

export interface GstCompany {
  readonly gstin: Gstin;
  readonly state: StateCode;
  readonly filingFrequency: FilingFrequency;
}

export type Gstr1Json = { gstin: string; fp: string } & Gstr1InvoiceSections & {
    nil?: { inv: NilJson[] };
    hsn?: HsnSectionJson;
    doc_issue?: DocIssueJson;
    supeco?: SupecoJson;
  };

export interface GstReturns {
  readonly period: ReturnPeriod;
  readonly gstr1: Gstr1Json;
  readonly gstr3b: Gstr3bJson;
  /** The exact figures behind `gstr3b`, in paise. */
  readonly gstr3bFigures: Gstr3bFigures;
  /** Numbers of documents dated outside the period, which were left out. */
  readonly outsidePeriod: readonly string[];
}

export interface GstReturnsInput {
  /** MMYYYY; for a quarterly filer, the quarter's last month. */
  readonly fp: string;
  readonly company: GstCompany;
  readonly documents: readonly PostedDocument[];
}

function optional<K extends string, V>(key: K, value: V | null): { [P in K]?: V } {
  return (value === null ? {} : { [key]: value }) as { [P in K]?: V };
}

/** Orders documents by date, then number, so the JSON is the same whatever the input order. */
function byDateAndNumber(a: PostedDocument, b: PostedDocument): number {
  if (a.date !== b.date) return a.date < b.date ? -1 : 1;
  return a.number < b.number ? -1 : a.number > b.number ? 1 : 0;
}

export function buildGstr1(
  period: ReturnPeriod,
  gstin: string,
  docs: readonly PostedDocument[],
): Gstr1Json {
  return {
    gstin,
    fp: period.fp,
    ...buildInvoiceSections(docs),
    ...optional('nil', buildNil(docs)),
    ...optional('hsn', buildHsn(period, docs)),
    ...optional('doc_issue', buildDocIssue(docs)),
    ...optional('supeco', buildSupeco(docs)),
  };
}

/**
 * Builds both returns for a period. Documents dated outside it are left out and named in
 * `outsidePeriod`, so a caller that loaded too much can tell.
 */
export function buildGstReturns(input: GstReturnsInput): Result<GstReturns, PeriodError> {
  const period = parseReturnPeriod(input.fp, input.company.filingFrequency);
  if (!period.ok) return err(period.error);

  const inPeriod = input.documents.filter((d) => isInPeriod(d.date, period.value));
  const docs = [...inPeriod].sort(byDateAndNumber);
  const outsidePeriod = input.documents
    .filter((d) => !isInPeriod(d.date, period.value))
    .map((d) => d.number);

  const figures = computeGstr3b(docs);
  return ok({
    period: period.value,
    gstr1: buildGstr1(period.value, input.company.gstin, docs),
    gstr3b: toGstr3bJson(figures, input.company.gstin, input.fp),
    gstr3bFigures: figures,
    outsidePeriod,
  });
}
