import { eq } from 'drizzle-orm';
import { z } from 'zod';

import { appError, err, ok, type AppError, type Result } from '../../shared/errors';
import { newID } from '../../shared/ids';
import { hashPassword, passwordProblem } from '../auth/passwords';
import * as c from '../db/central-schema';
import type { Platform } from '../platform/platform';
import { newTotpSecret, otpauthUrl, sealTotpSecret } from './totp';

export type AdminUser = typeof c.adminUsers.$inferSelect;

const Email = z.string().trim().toLowerCase().email();

export interface CreatedAdmin {
  readonly id: string;
  readonly email: string;
  /** Shown once, for enrolment in an authenticator app; only the sealed secret is stored. */
  readonly otpauthUrl: string;
  readonly totpSecret: string;
}

/** Create a platform admin with an argon2id password and a TOTP secret (CLI `admin:create`). */
export async function createAdminUser(
  p: Platform,
  input: { readonly email: string; readonly password: string },
): Promise<Result<CreatedAdmin, AppError>> {
  const email = Email.safeParse(input.email);
  if (!email.success)
    return err(appError('validation', 'email is not a valid address', { field: 'email' }));
  const pw = passwordProblem(input.password);
  if (pw) return err(appError('validation', pw, { field: 'password' }));
  if (await findAdminByEmail(p, email.data)) {
    return err(appError('conflict', 'An admin with this e-mail already exists'));
  }

  const id = newID();
  const secret = newTotpSecret();
  await p.central.insert(c.adminUsers).values({
    id,
    email: email.data,
    passwordHash: await hashPassword(input.password),
    totpSecretEnc: sealTotpSecret(p.masterKey, id, secret),
  });
  return ok({
    id,
    email: email.data,
    otpauthUrl: otpauthUrl(secret, email.data),
    totpSecret: secret,
  });
}

export async function findAdminByEmail(p: Platform, email: string): Promise<AdminUser | null> {
  const rows = await p.central
    .select()
    .from(c.adminUsers)
    .where(eq(c.adminUsers.email, email.trim().toLowerCase()));
  return rows[0] ?? null;
}

export async function findAdminById(p: Platform, id: string): Promise<AdminUser | null> {
  const rows = await p.central.select().from(c.adminUsers).where(eq(c.adminUsers.id, id));
  return rows[0] ?? null;
}
