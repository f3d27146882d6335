import { entityKey } from '../../shared/domain';
import { createSession } from '../../sync-server/auth/sessions';
import { fromRow, KINDS, selectList, TABLES } from '../../sync-server/sync/tables';
import { hostFetch } from '../../sync-server/http/host-client';
import type { RunningServer } from '../../sync-server/http/server';
import type { Platform } from '../../sync-server/platform/platform';
import { createUser } from '../../sync-server/tenancy/provision';
import { createNodeSyncClient } from '../../client/sync/node';
import type { SyncClient } from '../../client/sync';

/** A signed-in user of one tenant: what a device needs to sync. */
export interface Member {
  readonly slug: string;
  readonly host: string;
  readonly userID: string;
  readonly token: string;
}

export async function memberOf(p: Platform, slug: string, email: string): Promise<Member> {
  const tenant = await p.tenantCache.get(slug);
  if (!tenant) throw new Error(`no tenant ${slug}`);
  const conn = p.pools.get(tenant);
  const [rows] = await conn.pool.query('SELECT id FROM users WHERE email = ?', [email]);
  const id = (rows as { id: string }[])[0]?.id;
  if (id === undefined) throw new Error(`no user ${email}`);
  const { token } = await createSession(conn.db, { userId: id, deviceId: null, limited: false, now: p.now() });
  return { slug, host: `${slug}.localhost`, userID: id, token };
}

export async function addMember(p: Platform, slug: string, email: string, roles: readonly string[]): Promise<Member> {
  const tenant = await p.tenantCache.get(slug);
  if (!tenant) throw new Error(`no tenant ${slug}`);
  await createUser(p.pools.get(tenant).pool, { email, name: email.split('@')[0] ?? email, password: 'correct-horse-battery', roles: [...roles] });
  return memberOf(p, slug, email);
}

export function deviceFor(server: RunningServer, m: Member, opts: { readonly name?: string; readonly pokes?: boolean; readonly pullIntervalMs?: number } = {}): SyncClient {
  return createNodeSyncClient({
    tenant: m.slug,
    userID: m.userID,
    baseURL: server.url,
    host: m.host,
    token: m.token,
    fetch: hostFetch(server.url, m.host),
    name: opts.name ?? `${m.slug}-${m.userID}-${Math.random().toString(36).slice(2)}`,
    pullIntervalMs: opts.pullIntervalMs ?? 60_000,
    ...(opts.pokes !== undefined ? { pokes: opts.pokes } : {}),
  });
}

/** Resolve when `check` holds, re-checking on every replica change and every 50 ms; throws after `ms`. */
export async function waitFor(check: () => Promise<boolean> | boolean, ms = 10_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Every live entity of a tenant, straight from its database, keyed as in the replica. */
export async function serverSnapshot(p: Platform, slug: string): Promise<Map<string, unknown>> {
  const tenant = await p.tenantCache.get(slug);
  if (!tenant) throw new Error(`no tenant ${slug}`);
  const conn = p.pools.get(tenant);
  const out = new Map<string, unknown>();
  for (const kind of KINDS) {
    const spec = TABLES[kind];
    const [rows] = await conn.pool.query(`SELECT ${selectList(spec)} FROM \`${spec.table}\` WHERE deleted = 0`);
    for (const row of rows as Record<string, unknown>[]) out.set(entityKey(kind, String(row.id)), fromRow(spec, row, conn.dataKey));
  }
  return out;
}

/** Every entity key of a device's replica (not user/, meta/, rejection/). */
export async function replicaSnapshot(d: SyncClient): Promise<Map<string, unknown>> {
  const entries = await d.rep.query((tx) => tx.scan().entries().toArray());
  return new Map(entries.filter(([k]) => KINDS.some((kind) => k.startsWith(`${kind}/`))));
}
