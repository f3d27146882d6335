/**
 * Exact money for Indian accounting: amounts are whole paise, rates are exact decimals, and
 * no tax figure ever passes through binary floating point.
 *
 * Why bigint and not safe integers: an amount is safe as a number (we cap it at 10^15
 * paise), but tax is amount × rate, and with rates kept to four decimals of a percent the
 * product of a large amount and 40% reaches 4 × 10^20, beyond 2^53. bigint keeps every
 * intermediate product exact; we convert to number only at the JSON edge.
 */
import { err, ok, type Result } from './errors';

/** An amount in whole paise (1 rupee = 100 paise). Negative for credits. */
export type Paise = bigint;

declare const rateBrand: unique symbol;
/**
 * A percentage rate in units of 1/10,000 of a percent: 18% is 180000n, 0.25% is 2500n.
 * Branded so an amount can't be passed where a rate belongs.
 */
export type Rate = bigint & { readonly [rateBrand]: true };

export const RATE_DECIMALS = 4;
const RATE_SCALE = 10n ** BigInt(RATE_DECIMALS);
const PERCENT = 100n;

/** Largest amount we accept: 10^13 rupees, so 2-decimal values print exactly as JSON numbers. */
export const MAX_PAISE: Paise = 10n ** 15n;

export const DecimalErrorCode = {
  NotDecimal: 'not_decimal',
  TooManyDecimals: 'too_many_decimals',
  OutOfRange: 'out_of_range',
} as const;
export type DecimalErrorCode = (typeof DecimalErrorCode)[keyof typeof DecimalErrorCode];

export interface DecimalError {
  readonly code: DecimalErrorCode;
  readonly message: string;
}

const DECIMAL_PATTERN = /^(-?)(\d+)(?:\.(\d+))?$/;

/**
 * Parses a plain decimal ("1234.50", "-3", 12.5) into an integer scaled by 10^decimals.
 * Numbers are read through their shortest string form, so 0.1 + 0.2 is refused rather than
 * silently rounded: a float that isn't exactly a short decimal is a bug upstream.
 * Extra trailing zeros ("1.500" at 2 decimals) are accepted; other extra digits are not.
 */
export function parseScaled(
  input: string | number,
  decimals: number,
): Result<bigint, DecimalError> {
  const text = typeof input === 'number' ? String(input) : input.trim();
  const match = DECIMAL_PATTERN.exec(text);
  if (match === null) {
    return err({ code: DecimalErrorCode.NotDecimal, message: `"${text}" is not a decimal number` });
  }

  const [, sign = '', whole = '0', rawFraction = ''] = match;
  const fraction = rawFraction.replace(/0+$/, '');
  if (fraction.length > decimals) {
    return err({
      code: DecimalErrorCode.TooManyDecimals,
      message: `"${text}" has more than ${decimals} decimal places`,
    });
  }

  const scaled = BigInt(whole + fraction.padEnd(decimals, '0'));
  return ok(sign === '-' ? -scaled : scaled);
}

/** Parses rupees with at most 2 decimals into paise, within ±MAX_PAISE. */
export function parseRupees(input: string | number): Result<Paise, DecimalError> {
  const parsed = parseScaled(input, 2);
  if (!parsed.ok) return parsed;
  if (abs(parsed.value) > MAX_PAISE) {
    return err({ code: DecimalErrorCode.OutOfRange, message: `${String(input)} is too large` });
  }
  return parsed;
}

/** Paise from a rupee literal written in code or tests; throws on a malformed literal. */
export function rupees(literal: string): Paise {
  const parsed = parseRupees(literal);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.value;
}

/** Parses a percentage ("18", "0.25", 12.5) with at most 4 decimals. */
export function parseRate(input: string | number): Result<Rate, DecimalError> {
  const parsed = parseScaled(input, RATE_DECIMALS);
  if (!parsed.ok) return parsed;
  return ok(parsed.value as Rate);
}

/** A rate from a literal in code or tests; throws on a malformed literal. */
export function rate(literal: string): Rate {
  const parsed = parseRate(literal);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.value;
}

/** A rate from whole basis points (1 bp = 0.01%): 1800 -> 18%. */
export function rateFromBasisPoints(basisPoints: number): Rate {
  if (!Number.isSafeInteger(basisPoints)) throw new Error(`${basisPoints} is not whole bp`);
  return (BigInt(basisPoints) * (RATE_SCALE / 100n)) as Rate;
}

/**
 * Divides and rounds half away from zero. For positive amounts this is the usual half-up;
 * being symmetric means a credit note's tax is exactly the negation of the invoice's.
 */
export function divideRounded(numerator: bigint, denominator: bigint): bigint {
  if (denominator <= 0n) throw new Error('denominator must be positive');
  const negative = numerator < 0n;
  const magnitude = negative ? -numerator : numerator;
  const quotient = (magnitude * 2n + denominator) / (denominator * 2n);
  return negative ? -quotient : quotient;
}

/** amount × rate%, computed exactly and then rounded half-up to paise. */
export function applyRate(amount: Paise, r: Rate): Paise {
  return divideRounded(amount * r, PERCENT * RATE_SCALE);
}

/** amount × (rate/2)%: the CGST or SGST half of an intra-state rate, rounded on its own. */
export function applyHalfRate(amount: Paise, r: Rate): Paise {
  return divideRounded(amount * r, 2n * PERCENT * RATE_SCALE);
}

export function abs(value: bigint): bigint {
  return value < 0n ? -value : value;
}

export function sumPaise(values: Iterable<Paise>): Paise {
  let total = 0n;
  for (const value of values) total += value;
  return total;
}

/** Plain decimal with exactly `decimals` places: formatScaled(-5n, 2) is "-0.05". */
export function formatScaled(value: bigint, decimals: number): string {
  const digits = abs(value)
    .toString()
    .padStart(decimals + 1, '0');
  const whole = digits.slice(0, digits.length - decimals);
  const fraction = digits.slice(digits.length - decimals);
  const sign = value < 0n ? '-' : '';
  return decimals === 0 ? sign + whole : `${sign}${whole}.${fraction}`;
}

/** "1234.50": rupees with two decimals, no grouping (for CSV and machine formats). */
export function formatRupees(amount: Paise): string {
  return formatScaled(amount, 2);
}

/** "1,00,000.00": Indian digit grouping (last three digits, then pairs). */
export function formatIndian(amount: Paise): string {
  const plain = formatRupees(abs(amount));
  const [whole = '0', fraction = '00'] = plain.split('.');
  const lastThree = whole.slice(-3);
  const rest = whole.slice(0, -3);
  const pairs = rest.length === 0 ? [] : (rest.match(/(\d{1,2})(?=(\d{2})*$)/g) ?? []);
  const grouped = [...pairs, lastThree].join(',');
  return `${amount < 0n ? '-' : ''}${grouped}.${fraction}`;
}

/** Rupees as a JSON number. Exact for |amount| ≤ MAX_PAISE (15 significant digits). */
export function toRupeeNumber(amount: Paise): number {
  return Number(formatRupees(amount));
}

/** "18", "0.25", "0.1": the shortest exact decimal form of a rate. */
export function formatRate(r: Rate): string {
  const full = formatScaled(r, RATE_DECIMALS);
  return full.replace(/\.?0+$/, '');
}

/** A rate as a JSON number (the portal's `rt`). */
export function rateToNumber(r: Rate): number {
  return Number(formatRate(r));
}
