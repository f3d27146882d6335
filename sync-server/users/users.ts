import { asc, count, eq, inArray, sql } from 'drizzle-orm';

import { appError, err, ok, type AppError, type Result } from '../../shared/errors';
import { newID } from '../../shared/ids';
import type { Role } from '../../shared/permissions';
import { hashPassword, passwordProblem } from '../auth/passwords';
import type { TenantDb } from '../db/connect';
import { userRoles, users } from '../db/tenant/core';
import { indexOf, openOptional, sealIndexed, type FieldName } from '../security/fields';
import { normalisePhone } from './phone';

/** users.phone_enc is a personal field (docs/tenancy.md, T-15). */
export const PHONE_FIELD: FieldName = 'users.phone';

export interface UserView {
  readonly id: string;
  readonly email: string;
  readonly name: string;
  readonly phone: string | null;
  readonly active: boolean;
  readonly roles: readonly string[];
}

type UserRow = typeof users.$inferSelect;

/** The columns a phone number is stored in: sealed value and blind index, or both null. */
export function phoneColumns(
  dataKey: Buffer,
  phone: string | null,
): { phoneEnc: string | null; phoneBidx: string | null } {
  if (phone === null) return { phoneEnc: null, phoneBidx: null };
  const sealed = sealIndexed(dataKey, PHONE_FIELD, phone);
  return { phoneEnc: sealed.enc, phoneBidx: sealed.bidx };
}

export function readPhone(dataKey: Buffer, row: Pick<UserRow, 'phoneEnc'>): string | null {
  return openOptional(dataKey, PHONE_FIELD, row.phoneEnc);
}

export interface NewTenantUser {
  readonly email: string;
  readonly name: string;
  readonly password: string;
  readonly roles: readonly Role[];
  readonly phone?: string | undefined;
  /** The plan's seat limit; creation past it is refused. */
  readonly maxUsers?: number | undefined;
}

/** Create a user with roles; the phone, if any, is sealed before it reaches the database. */
export async function createTenantUser(
  db: TenantDb,
  dataKey: Buffer,
  u: NewTenantUser,
): Promise<Result<UserView, AppError>> {
  const pw = passwordProblem(u.password);
  if (pw) return err(appError('validation', pw, { field: 'password' }));
  const email = u.email.trim().toLowerCase();
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  if (existing)
    return err(appError('conflict', 'A user with that e-mail already exists', { field: 'email' }));

  const id = newID();
  const phone = u.phone === undefined ? null : normalisePhone(u.phone);
  const passwordHash = await hashPassword(u.password);
  const created = await db.transaction(async (tx) => {
    if (u.maxUsers !== undefined) {
      // Lock the plan row so two admins adding the last seat at once can't both succeed.
      await tx.execute(sql`SELECT value FROM tenant_settings WHERE \`key\` = 'plan' FOR UPDATE`);
      const [row] = await tx.select({ n: count() }).from(users).where(eq(users.active, true));
      if ((row?.n ?? 0) >= u.maxUsers) return false;
    }
    await tx
      .insert(users)
      .values({ id, email, name: u.name, passwordHash, ...phoneColumns(dataKey, phone) });
    if (u.roles.length > 0)
      await tx.insert(userRoles).values(u.roles.map((roleKey) => ({ userId: id, roleKey })));
    return true;
  });
  if (!created) {
    return err(appError('conflict', `Your plan allows ${u.maxUsers} active users; upgrade to add more`, { limit: 'maxUsers' }));
  }
  return ok({ id, email, name: u.name, phone, active: true, roles: [...u.roles] });
}

/** Every user of the tenant, or those whose phone's blind index matches. */
export async function listUsers(
  db: TenantDb,
  dataKey: Buffer,
  filter: { readonly phone?: string } = {},
): Promise<UserView[]> {
  const where =
    filter.phone === undefined
      ? undefined
      : eq(users.phoneBidx, indexOf(dataKey, PHONE_FIELD, filter.phone));
  const rows = await db.select().from(users).where(where).orderBy(asc(users.email));
  if (rows.length === 0) return [];
  const roleRows = await db
    .select()
    .from(userRoles)
    .where(
      inArray(
        userRoles.userId,
        rows.map((r) => r.id),
      ),
    );
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    name: r.name,
    phone: readPhone(dataKey, r),
    active: r.active,
    roles: roleRows
      .filter((x) => x.userId === r.id)
      .map((x) => x.roleKey)
      .sort(),
  }));
}

export async function findUser(db: TenantDb, id: string): Promise<UserRow | null> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row ?? null;
}

export interface ProfilePatch {
  readonly name?: string | undefined;
  /** null clears the number. */
  readonly phone?: string | null | undefined;
}

export async function updateProfile(
  db: TenantDb,
  dataKey: Buffer,
  userId: string,
  patch: ProfilePatch,
): Promise<void> {
  const set: Partial<typeof users.$inferInsert> = {};
  if (patch.name !== undefined) set.name = patch.name;
  if (patch.phone !== undefined) Object.assign(set, phoneColumns(dataKey, patch.phone));
  if (Object.keys(set).length === 0) return;
  await db.update(users).set(set).where(eq(users.id, userId));
}
