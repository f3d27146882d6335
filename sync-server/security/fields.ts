import { blindIndex, decrypt, encrypt } from '../../shared/crypto';

/**
 * Personal fields (phone numbers, personal e-mail, street addresses) are stored sealed with
 * the tenant data key, never in plain text (docs/tenancy.md, T-15). The field name,
 * `table.column`, is the associated data: a ciphertext copied into another column or another
 * tenant fails to open instead of being read in the wrong place.
 */
export type FieldName = `${string}.${string}`;

/** A sealed value and its blind index, ready to store in `<column>_enc` and `<column>_bidx`. */
export interface SealedField {
  readonly enc: string;
  readonly bidx: string;
}

export function sealField(dataKey: Buffer, field: FieldName, value: string): string {
  return encrypt(dataKey, value, field);
}

/** Throws if the ciphertext was altered, moved from another field, or sealed under another key. */
export function openField(dataKey: Buffer, field: FieldName, enc: string): string {
  return decrypt(dataKey, enc, field);
}

/**
 * The blind index of a value: an HMAC under a key derived from the data key, so equality
 * look-ups work on encrypted columns. Normalise the value the same way before sealing and
 * before looking up, or equal values give different indexes.
 */
export function indexOf(dataKey: Buffer, field: FieldName, value: string): string {
  return blindIndex(dataKey, field, value);
}

export function sealIndexed(dataKey: Buffer, field: FieldName, value: string): SealedField {
  return { enc: sealField(dataKey, field, value), bidx: indexOf(dataKey, field, value) };
}

/** Open a nullable column: null stays null. */
export function openOptional(dataKey: Buffer, field: FieldName, enc: string | null): string | null {
  return enc === null ? null : openField(dataKey, field, enc);
}
