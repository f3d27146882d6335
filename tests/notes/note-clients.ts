import { eq } from 'drizzle-orm';
import WebSocket from 'ws';

import { openNote, type OpenNote } from '../../client/notes/note-doc';
import { createSession } from '../../sync-server/auth/sessions';
import { users } from '../../sync-server/db/tenant/core';
import { deals, tasks } from '../../sync-server/db/tenant/crm';
import type { Platform } from '../../sync-server/platform/platform';
import { createUser } from '../../sync-server/tenancy/provision';

/** Test clients for the notes socket: Node can't resolve `*.localhost`, so Host is a header. */

export async function sessionToken(p: Platform, slug: string, email: string): Promise<string> {
  const tenant = await p.tenantCache.get(slug);
  if (!tenant) throw new Error(`no tenant ${slug}`);
  const db = p.pools.get(tenant).db;
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  if (!user) throw new Error(`no user ${email}`);
  const { token } = await createSession(db, { userId: user.id, deviceId: null, limited: false, now: p.now() });
  return token;
}

export async function userWithRoles(p: Platform, slug: string, email: string, roles: readonly string[]): Promise<string> {
  const tenant = await p.tenantCache.get(slug);
  if (!tenant) throw new Error(`no tenant ${slug}`);
  await createUser(p.pools.get(tenant).pool, { email, name: email.split('@')[0]!, password: 'correct-horse-battery', roles });
  return sessionToken(p, slug, email);
}

/** Rows a note can belong to, written straight into the tenant's CRM tables. */
export async function seedOwners(p: Platform, slug: string, owners: { tasks?: readonly string[]; deals?: readonly string[]; deleted?: boolean }): Promise<void> {
  const tenant = await p.tenantCache.get(slug);
  if (!tenant) throw new Error(`no tenant ${slug}`);
  const db = p.pools.get(tenant).db;
  const deleted = owners.deleted ?? false;
  for (const id of owners.tasks ?? []) {
    await db.insert(tasks).values({ id, title: `Task ${id}`, status: 'todo', priority: 'normal', createdBy: 'seed', version: 1, deleted });
  }
  for (const id of owners.deals ?? []) {
    await db.insert(deals).values({
      id, title: `Deal ${id}`, stage: 'lead', valuePaise: 0, currency: 'INR', probability: 10, position: 'm', version: 1, deleted,
    });
  }
}

/** A `ws` class that sends the tenant Host and, when given, a Bearer token on the upgrade. */
export function wsFor(host: string, token: string | null): typeof globalThis.WebSocket {
  const headers: Record<string, string> = { host };
  if (token) headers.authorization = `Bearer ${token}`;
  class HostWebSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers });
    }
  }
  return HostWebSocket as unknown as typeof globalThis.WebSocket;
}

export function notesUrl(port: number): string {
  return `ws://127.0.0.1:${port}/api/notes`;
}

/** A y-websocket client as the browser module builds it, minus the device cache. */
export function nodeNote(port: number, host: string, token: string | null, doc: string): OpenNote {
  return openNote({ doc, url: notesUrl(port), cache: false, crossTab: false, WebSocketPolyfill: wsFor(host, token) });
}

/** Open a raw socket and report how the server closed it. */
export function closeCodeOf(port: number, host: string, token: string | null, doc: string): Promise<number> {
  const WS = wsFor(host, token) as unknown as typeof WebSocket;
  return new Promise((resolve, reject) => {
    const ws = new WS(`${notesUrl(port)}/${doc}`);
    ws.on('close', (code: number) => resolve(code));
    ws.on('error', reject);
  });
}

/** Poll until a condition holds (readiness, never a fixed sleep). */
export async function waitFor(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
