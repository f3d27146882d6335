/**
 * GSTIN (GST identification number) validation and the GST state-code table.
 *
 * A regular GSTIN is 15 characters: a 2-digit state code, the holder's 10-character PAN, an
 * entity number (1-9, then A-Z, for the holder's registrations in that state), 'Z' by
 * default, and a check character over the first 14.
 */
import { err, ok, type Result } from '../errors';

/**
 * State and union-territory codes as the GST portal numbers them. 25 (Daman and Diu) and
 * 28 (undivided Andhra Pradesh) stay valid because registrations issued under them remain.
 */
export const STATE_CODES = {
  '01': 'Jammu and Kashmir',
  '02': 'Himachal Pradesh',
  '03': 'Punjab',
  '04': 'Chandigarh',
  '05': 'Uttarakhand',
  '06': 'Haryana',
  '07': 'Delhi',
  '08': 'Rajasthan',
  '09': 'Uttar Pradesh',
  '10': 'Bihar',
  '11': 'Sikkim',
  '12': 'Arunachal Pradesh',
  '13': 'Nagaland',
  '14': 'Manipur',
  '15': 'Mizoram',
  '16': 'Tripura',
  '17': 'Meghalaya',
  '18': 'Assam',
  '19': 'West Bengal',
  '20': 'Jharkhand',
  '21': 'Odisha',
  '22': 'Chhattisgarh',
  '23': 'Madhya Pradesh',
  '24': 'Gujarat',
  '25': 'Daman and Diu',
  '26': 'Dadra and Nagar Haveli and Daman and Diu',
  '27': 'Maharashtra',
  '28': 'Andhra Pradesh (before division)',
  '29': 'Karnataka',
  '30': 'Goa',
  '31': 'Lakshadweep',
  '32': 'Kerala',
  '33': 'Tamil Nadu',
  '34': 'Puducherry',
  '35': 'Andaman and Nicobar Islands',
  '36': 'Telangana',
  '37': 'Andhra Pradesh',
  '38': 'Ladakh',
  '96': 'Foreign Country',
  '97': 'Other Territory',
  '99': 'Centre Jurisdiction',
} as const;
export type StateCode = keyof typeof STATE_CODES;

/** Place-of-supply code for exports: supplies to a place outside India. */
export const FOREIGN_COUNTRY: StateCode = '96';

export function isStateCode(value: string): value is StateCode {
  return Object.hasOwn(STATE_CODES, value);
}

/**
 * Whether a code can begin a GSTIN. 96 is refused: it is a place of supply for exports, and
 * no registration is granted "in" a foreign country. 99 prefixes centrally administered
 * registrations such as OIDAR suppliers.
 */
export function isRegistrationStateCode(value: string): value is StateCode {
  return isStateCode(value) && value !== FOREIGN_COUNTRY;
}

declare const gstinBrand: unique symbol;
/** A GSTIN or UIN whose shape, state code and check character have been verified. */
export type Gstin = string & { readonly [gstinBrand]: true };

export const GstinErrorCode = {
  Length: 'gstin_length',
  Charset: 'gstin_charset',
  StateCode: 'gstin_state_code',
  Format: 'gstin_format',
  Checksum: 'gstin_checksum',
} as const;
export type GstinErrorCode = (typeof GstinErrorCode)[keyof typeof GstinErrorCode];

export interface GstinError {
  readonly code: GstinErrorCode;
  readonly message: string;
}

/**
 * `regular`: PAN-based registration. `tcs`: an e-commerce operator's registration to collect
 * tax at source ('C' in place of 'Z'). `uin`: a UN body's or embassy's identity number.
 */
export type GstinKind = 'regular' | 'tcs' | 'uin';

export interface ParsedGstin {
  readonly gstin: Gstin;
  readonly kind: GstinKind;
  readonly stateCode: StateCode;
  /** The holder's PAN (characters 3-12); null for a UIN, which has none. */
  readonly pan: string | null;
}

const CHARSET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const REGULAR_PATTERN = /^\d{2}[A-Z]{5}\d{4}[A-Z][1-9A-Z]Z[0-9A-Z]$/;
const TCS_PATTERN = /^\d{2}[A-Z]{5}\d{4}[A-Z][1-9A-Z]C[0-9A-Z]$/;
// Limitation: TDS deductor, non-resident and OIDAR registrations use other layouts and are
// refused; FocusApp parties are businesses, e-commerce operators, UN bodies and embassies.
const UIN_PATTERN = /^\d{4}[A-Z]{3}\d{5}UN[0-9A-Z]$/;

/**
 * The check character for the first 14 characters: each character's value (0-9, A-Z as
 * 10-35) times a factor alternating 1, 2; each product folded as quotient + remainder by 36;
 * the check is what brings the sum to a multiple of 36. Null if a character is outside 0-9A-Z.
 */
export function computeGstinCheckChar(first14: string): string | null {
  let sum = 0;
  for (let i = 0; i < first14.length; i += 1) {
    const value = CHARSET.indexOf(first14.charAt(i));
    if (value < 0) return null;
    const product = value * (i % 2 === 0 ? 1 : 2);
    sum += Math.floor(product / 36) + (product % 36);
  }
  return CHARSET.charAt((36 - (sum % 36)) % 36);
}

function gstinKind(value: string): GstinKind | null {
  if (REGULAR_PATTERN.test(value)) return 'regular';
  if (TCS_PATTERN.test(value)) return 'tcs';
  return UIN_PATTERN.test(value) ? 'uin' : null;
}

function gstinError(code: GstinErrorCode, message: string): Result<never, GstinError> {
  return err({ code, message });
}

/** Validates a GSTIN or UIN. Surrounding spaces and lower case are forgiven. */
export function parseGstin(input: string): Result<ParsedGstin, GstinError> {
  const value = input.trim().toUpperCase();
  if (value.length !== 15) {
    return gstinError(GstinErrorCode.Length, `GSTIN must be 15 characters, got ${value.length}`);
  }
  if (!/^[0-9A-Z]+$/.test(value)) {
    return gstinError(GstinErrorCode.Charset, 'GSTIN may contain only digits and letters A-Z');
  }

  const stateCode = value.slice(0, 2);
  if (!isRegistrationStateCode(stateCode)) {
    return gstinError(GstinErrorCode.StateCode, `"${stateCode}" is not a GST state code`);
  }

  const kind = gstinKind(value);
  if (kind === null) {
    return gstinError(
      GstinErrorCode.Format,
      'GSTIN must be state code, PAN (5 letters, 4 digits, letter), entity code 1-9/A-Z, ' +
        "'Z', check character",
    );
  }

  const expected = computeGstinCheckChar(value.slice(0, 14));
  if (expected !== value.charAt(14)) {
    return gstinError(GstinErrorCode.Checksum, `GSTIN check character should be ${expected}`);
  }

  const pan = kind === 'uin' ? null : value.slice(2, 12);
  return ok({ gstin: value as Gstin, kind, stateCode, pan });
}

export function isValidGstin(input: string): boolean {
  return parseGstin(input).ok;
}
