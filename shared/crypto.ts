import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Envelope encryption. The platform master key wraps each tenant's 256-bit data key; the data
 * key encrypts that tenant's secrets and personal fields. Ciphertext format:
 * `v1.<iv>.<ciphertext>.<tag>` (base64url), AES-256-GCM with a 96-bit random IV. The optional
 * associated data binds a ciphertext to where it lives (table.column), so a value copied into
 * another column fails to decrypt instead of being read in the wrong place.
 */

const VERSION = 'v1';

export function generateKey(): Buffer {
  return randomBytes(32);
}

export function encrypt(key: Buffer, plaintext: string | Buffer, aad?: string): string {
  assertKey(key);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  if (aad !== undefined) cipher.setAAD(Buffer.from(aad, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, iv.toString('base64url'), body.toString('base64url'), tag.toString('base64url')].join('.');
}

export function decryptToBuffer(key: Buffer, envelope: string, aad?: string): Buffer {
  assertKey(key);
  const parts = envelope.split('.');
  if (parts.length !== 4 || parts[0] !== VERSION) throw new Error('Not a FocusApp ciphertext');
  const [, ivB64, bodyB64, tagB64] = parts as [string, string, string, string];
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(ivB64, 'base64url'));
  if (aad !== undefined) decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(Buffer.from(tagB64, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(bodyB64, 'base64url')), decipher.final()]);
}

export function decrypt(key: Buffer, envelope: string, aad?: string): string {
  return decryptToBuffer(key, envelope, aad).toString('utf8');
}

/** Wrap a data key under the master key; the AAD names the tenant so keys can't be swapped. */
export function wrapKey(masterKey: Buffer, dataKey: Buffer, tenantSlug: string): string {
  return encrypt(masterKey, dataKey, `tenant-key:${tenantSlug}`);
}

export function unwrapKey(masterKey: Buffer, wrapped: string, tenantSlug: string): Buffer {
  return decryptToBuffer(masterKey, wrapped, `tenant-key:${tenantSlug}`);
}

/** Separate sub-keys per purpose, so the blind-index key never doubles as an encryption key. */
export function deriveKey(key: Buffer, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), `focusapp:${purpose}`, 32));
}

/**
 * Blind index for equality look-ups on encrypted fields: HMAC of the normalised value under a
 * derived key, scoped by field so equal phone numbers in two columns give different indexes.
 */
export function blindIndex(dataKey: Buffer, field: string, value: string): string {
  const normalised = value.trim().toLowerCase().replace(/\s+/g, '');
  return createHmac('sha256', deriveKey(dataKey, 'blind-index')).update(`${field}:${normalised}`).digest('base64url');
}

export function sha256(input: string): string {
  return createHmac('sha256', 'focusapp-token').update(input).digest('base64url');
}

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

function assertKey(key: Buffer): void {
  if (key.length !== 32) throw new Error('AES-256 keys are 32 bytes');
}
