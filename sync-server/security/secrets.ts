import { eq, sql } from 'drizzle-orm';

import { decrypt, encrypt } from '../../shared/crypto';
import type { TenantDb } from '../db/connect';
import { tenantSecrets } from '../db/tenant/secrets';

/**
 * A tenant's stored secrets (API keys, webhook secrets, SMTP passwords), sealed with the
 * tenant data key (docs/tenancy.md, T-15). The associated data names the secret, so one
 * secret's ciphertext pasted under another name does not open. Never log a returned value.
 */
const aad = (name: string) => `tenant_secrets:${name}`;

const NAME = /^[a-z0-9][a-z0-9_.:-]{0,119}$/;

function checkName(name: string): void {
  if (!NAME.test(name))
    throw new Error(`Secret names are lower-case [a-z0-9_.:-], at most 120: "${name}"`);
}

export async function setTenantSecret(
  db: TenantDb,
  dataKey: Buffer,
  name: string,
  value: string,
): Promise<void> {
  checkName(name);
  const valueEnc = encrypt(dataKey, value, aad(name));
  await db
    .insert(tenantSecrets)
    .values({ name, valueEnc })
    .onDuplicateKeyUpdate({
      set: { valueEnc: sql`VALUES(value_enc)`, updatedAt: sql`CURRENT_TIMESTAMP(3)` },
    });
}

/** The secret's value, or null when none is stored under that name. */
export async function getTenantSecret(
  db: TenantDb,
  dataKey: Buffer,
  name: string,
): Promise<string | null> {
  checkName(name);
  const [row] = await db.select().from(tenantSecrets).where(eq(tenantSecrets.name, name));
  return row ? decrypt(dataKey, row.valueEnc, aad(name)) : null;
}

export async function deleteTenantSecret(db: TenantDb, name: string): Promise<void> {
  checkName(name);
  await db.delete(tenantSecrets).where(eq(tenantSecrets.name, name));
}
