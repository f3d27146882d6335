/** Shared set-up for the sync benchmarks: a platform, a tenant, a signed-in owner. */
import { createSession } from '../sync-server/auth/sessions';
import { hostRequest, type HostResponse } from '../sync-server/http/host-client';
import { SCHEMA_VERSION } from '../mutators';
import { createTestPlatform, type TestPlatform } from '../tests/helpers/platform';

export interface BenchTenant {
  readonly t: TestPlatform;
  readonly slug: string;
  readonly host: string;
  readonly token: string;
  readonly userID: string;
}

export async function benchTenant(slug: string): Promise<BenchTenant> {
  const t = await createTestPlatform();
  await t.tenant(slug);
  const tenant = await t.p.tenantCache.get(slug);
  const conn = t.p.pools.get(tenant!);
  const [rows] = await conn.pool.query('SELECT id FROM users LIMIT 1');
  const userID = (rows as { id: string }[])[0]!.id;
  const { token } = await createSession(conn.db, { userId: userID, deviceId: null, limited: false, now: new Date() });
  return { t, slug, host: `${slug}.localhost`, token, userID };
}

export function syncPost(baseURL: string, b: BenchTenant, path: string, body: unknown): Promise<HostResponse> {
  return hostRequest(baseURL, b.host, path, {
    method: 'POST',
    headers: { authorization: `Bearer ${b.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

export function pushBody(groupID: string, clientID: string, firstID: number, mutations: readonly { name: string; args: unknown }[]) {
  return {
    pushVersion: 1, clientGroupID: groupID, profileID: 'bench', schemaVersion: SCHEMA_VERSION,
    mutations: mutations.map((m, i) => ({ clientID, id: firstID + i, name: m.name, args: m.args, timestamp: Date.now() })),
  };
}

export function pullBody(groupID: string, cookie: number | null) {
  return { pullVersion: 1, clientGroupID: groupID, cookie, profileID: 'bench', schemaVersion: SCHEMA_VERSION };
}

export function percentile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

export function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ')).join('\n') + '\n';
}
