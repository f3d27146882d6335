import type { Hono } from 'hono';
import { z } from 'zod';

import { appError } from '../../shared/errors';
import { ROLES } from '../../shared/permissions';
import { readJson } from '../auth/body';
import { requirePermission, requireSession } from '../auth/middleware';
import { problem } from '../http/problem';
import { requireTenant, type AppEnv } from '../http/tenant-context';
import type { Platform } from '../platform/platform';
import { readPlanInfo } from '../tenancy/plan-permissions';
import { PhoneSchema } from './phone';
import { createTenantUser, findUser, listUsers, readPhone, updateProfile } from './users';

const MePatch = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    phone: PhoneSchema.nullable().optional(),
  })
  .strict();

const NewUserBody = z
  .object({
    email: z.string().trim().toLowerCase().max(254).email('email is not a valid address'),
    name: z.string().trim().min(1).max(200),
    password: z.string().max(256),
    roles: z.array(z.enum(ROLES)).max(ROLES.length).default([]),
    phone: PhoneSchema.optional(),
  })
  .strict();

/**
 * The signed-in user's own profile (`/api/me`) and the tenant's user administration
 * (`/api/users`, users.manage). Phone numbers are sealed on the way in and opened on the way
 * out; the database only ever sees ciphertext and a blind index (docs/tenancy.md, T-15).
 */
export function userRoutes(app: Hono<AppEnv>, p: Platform): void {
  const tenant = requireTenant(p);

  // A limited session (device not yet approved) may read who it is signed in as, so the app
  // can show the code screen; it may change nothing.
  app.get('/api/me', tenant, requireSession(p, { allowLimited: true }), async (c) => {
    const principal = c.get('principal');
    const { tenant: record, conn } = c.get('tenant');
    const [row, plan] = await Promise.all([
      findUser(conn.db, principal.userId),
      readPlanInfo(conn.db),
    ]);
    if (!row) return problem(c, appError('unauthenticated', 'Sign in to continue'));
    const phone = readPhone(conn.dataKey, row);
    return c.json({
      user: { id: row.id, email: row.email, name: row.name, ...(phone === null ? {} : { phone }) },
      roles: [...principal.roles].sort(),
      permissions: [...principal.permissions].sort(),
      modules: plan ? [...plan.modules].sort() : [],
      plan: plan ? { key: plan.key, name: plan.name, version: plan.version } : null,
      tenant: { slug: record.slug, name: record.name },
      limited: principal.limited,
    });
  });

  app.patch('/api/me', tenant, requireSession(p), async (c) => {
    const body = await readJson(c, MePatch);
    if (!body.ok) return problem(c, body.error);
    const { conn } = c.get('tenant');
    await updateProfile(conn.db, conn.dataKey, c.get('principal').userId, body.value);
    c.get('log').info({ fields: Object.keys(body.value) }, 'profile updated');
    return c.body(null, 204);
  });

  app.get('/api/users', tenant, requireSession(p), requirePermission('users.manage'), async (c) => {
    const raw = c.req.query('phone');
    const phone = raw === undefined ? undefined : PhoneSchema.safeParse(raw);
    if (phone && !phone.success)
      return problem(
        c,
        appError('validation', 'phone: 6 to 15 digits, optionally starting with +'),
      );
    const { conn } = c.get('tenant');
    const list = await listUsers(conn.db, conn.dataKey, phone ? { phone: phone.data } : {});
    return c.json({ users: list });
  });

  app.post(
    '/api/users',
    tenant,
    requireSession(p),
    requirePermission('users.manage'),
    async (c) => {
      const body = await readJson(c, NewUserBody);
      if (!body.ok) return problem(c, body.error);
      // Only an owner makes owners: users.manage alone must not be a path to full control.
      if (body.value.roles.includes('owner') && !c.get('principal').roles.includes('owner')) {
        return problem(
          c,
          appError('forbidden', 'Only an owner can grant the owner role', { role: 'owner' }),
        );
      }
      const { conn } = c.get('tenant');
      const maxUsers = (await readPlanInfo(conn.db))?.limits?.maxUsers;
      const r = await createTenantUser(conn.db, conn.dataKey, { ...body.value, maxUsers });
      if (!r.ok) return problem(c, r.error);
      c.get('log').info({ created: r.value.id, roles: r.value.roles }, 'user created');
      return c.json({ user: r.value }, 201);
    },
  );
}
