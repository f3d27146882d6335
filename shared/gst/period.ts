/**
 * Calendar dates and return periods. Dates are ISO `YYYY-MM-DD` strings so they compare
 * correctly as strings and never pass through a time zone.
 */
import { err, ok, type Result } from '../errors';

declare const isoDateBrand: unique symbol;
/** A real calendar date written YYYY-MM-DD. */
export type IsoDate = string & { readonly [isoDateBrand]: true };

const ISO_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(value: string): value is IsoDate {
  const match = ISO_PATTERN.exec(value);
  if (match === null) return false;
  const [, y = '', m = '', d = ''] = match;
  const month = Number(m);
  const day = Number(d);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(Number(y), month);
}

/** An ISO date from a literal in code or tests; throws on a malformed literal. */
export function isoDate(literal: string): IsoDate {
  if (!isIsoDate(literal)) throw new Error(`"${literal}" is not a YYYY-MM-DD date`);
  return literal;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The portal writes dates DD-MM-YYYY. */
export function toPortalDate(date: IsoDate): string {
  return `${date.slice(8, 10)}-${date.slice(5, 7)}-${date.slice(0, 4)}`;
}

export type FilingFrequency = 'monthly' | 'quarterly';

/** A return period: the portal's `fp` and the inclusive date range it covers. */
export interface ReturnPeriod {
  readonly fp: string;
  readonly first: IsoDate;
  readonly last: IsoDate;
  /** `YYYYMM` of the period's last month, for comparing periods numerically. */
  readonly yearMonth: number;
}

export interface PeriodError {
  readonly code: 'period_format' | 'period_quarter';
  readonly message: string;
}

/**
 * Reads `fp` (MMYYYY). A quarterly filer's `fp` names the quarter's last month (03, 06, 09,
 * 12) and covers that month and the two before it.
 */
export function parseReturnPeriod(
  fp: string,
  frequency: FilingFrequency,
): Result<ReturnPeriod, PeriodError> {
  const match = /^(\d{2})(\d{4})$/.exec(fp);
  const month = Number(match?.[1]);
  const year = Number(match?.[2]);
  if (match === null || month < 1 || month > 12 || year < 2017) {
    return err({ code: 'period_format', message: `"${fp}" is not a MMYYYY return period` });
  }
  if (frequency === 'quarterly' && month % 3 !== 0) {
    return err({
      code: 'period_quarter',
      message: `a quarterly period must end in March, June, September or December, got "${fp}"`,
    });
  }

  const firstMonth = frequency === 'quarterly' ? month - 2 : month;
  const pad = (n: number): string => String(n).padStart(2, '0');
  const first = `${year}-${pad(firstMonth)}-01` as IsoDate;
  const last = `${year}-${pad(month)}-${pad(daysInMonth(year, month))}` as IsoDate;
  return ok({ fp, first, last, yearMonth: year * 100 + month });
}

export function isInPeriod(date: IsoDate, period: ReturnPeriod): boolean {
  return date >= period.first && date <= period.last;
}
