import { Secret, TOTP } from 'otpauth';

import { decrypt, encrypt } from '../../shared/crypto';

const PERIOD = 30;

/** A fresh TOTP secret (160 bits, base32, as authenticator apps expect). */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totp(secretB32: string, label: string): TOTP {
  return new TOTP({
    issuer: 'FocusApp Admin',
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: PERIOD,
    secret: Secret.fromBase32(secretB32),
  });
}

export function otpauthUrl(secretB32: string, email: string): string {
  return totp(secretB32, email).toString();
}

/** The current code; tests and the enrolment check use it. */
export function totpCode(secretB32: string, at: Date): string {
  return totp(secretB32, 'x').generate({ timestamp: at.getTime() });
}

/**
 * The time step a code belongs to, if it is valid now (one step of clock drift either way),
 * else null. The caller records the step so that a code can't be used twice.
 */
export function totpStep(secretB32: string, code: string, at: Date): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = totp(secretB32, 'x').validate({ token: code, timestamp: at.getTime(), window: 1 });
  if (delta === null) return null;
  return Math.floor(at.getTime() / 1000 / PERIOD) + delta;
}

/** The secret is encrypted under the master key and bound to its admin row. */
export function sealTotpSecret(masterKey: Buffer, adminId: string, secretB32: string): string {
  return encrypt(masterKey, secretB32, `admin-totp:${adminId}`);
}

export function openTotpSecret(masterKey: Buffer, adminId: string, sealed: string): string {
  return decrypt(masterKey, sealed, `admin-totp:${adminId}`);
}
