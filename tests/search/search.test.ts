import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { TenantDb } from '../../sync-server/db/connect';

import { companies, contacts, deals, tasks } from '../../sync-server/db/tenant/crm';
import { searchIndex } from '../../sync-server/db/tenant/search';
import { syncState } from '../../sync-server/db/tenant/sync';
import { searchReindex } from '../../sync-server/search/command';
import { MariaDbSearchAdapter } from '../../sync-server/search/mariadb-search';
import { MeiliSearchAdapter } from '../../sync-server/search/meili-search';
import { createSearchPort, indexEntity, searchPort } from '../../sync-server/search/search';
import { createTestPlatform, type TestPlatform } from '../helpers/platform';
import { sessionToken, userWithRoles } from '../notes/note-clients';
import { startFakeMeili, type FakeMeili } from './fake-meilisearch';
import { searchContract } from './search-contract';

let t: TestPlatform;
let meili: FakeMeili;
let mariadb: MariaDbSearchAdapter;
let meiliPort: MeiliSearchAdapter;

beforeAll(async () => {
  t = await createTestPlatform();
  await t.tenant('acme');
  await t.tenant('globex');
  meili = await startFakeMeili();
  mariadb = new MariaDbSearchAdapter(async (slug) => t.p.pools.get((await t.p.tenantCache.get(slug))!).db);
  meiliPort = new MeiliSearchAdapter({ host: meili.url, apiKey: meili.apiKey, indexPrefix: t.prefix });
});

afterAll(async () => {
  await meili?.close();
  await t.cleanup();
});

searchContract('MariaDB FULLTEXT', () => ({ port: mariadb, tenant: 'acme', other: 'globex' }));
searchContract('Meilisearch', () => ({ port: meiliPort, tenant: 'acme', other: 'globex' }));

describe('Meilisearch adapter', () => {
  it('keeps one index per tenant, named with the deployment prefix', () => {
    expect(meili.indexes().sort()).toEqual([`${t.prefix}acme`, `${t.prefix}globex`]);
  });

  it('is the adapter when MEILI_HOST is set, MariaDB otherwise', () => {
    expect(createSearchPort(t.p, { MEILI_HOST: meili.url, MEILI_API_KEY: meili.apiKey })).toBeInstanceOf(MeiliSearchAdapter);
    expect(createSearchPort(t.p, {})).toBeInstanceOf(MariaDbSearchAdapter);
  });

  it('reports a refused API key as an error', async () => {
    const wrong = new MeiliSearchAdapter({ host: meili.url, apiKey: 'nope', indexPrefix: t.prefix });
    await expect(wrong.query('acme', 'x')).rejects.toThrow(/API key is invalid/);
  });
});

describe('GET /api/search', () => {
  let owner: string;

  beforeAll(async () => {
    owner = await sessionToken(t.p, 'acme', 'owner@acme.test');
    await searchPort(t.p).clear('acme');
    await indexEntity(t.p, 'acme', [
      { type: 'deal', id: 'd1', title: 'Kaveri pumps order', body: '' },
      { type: 'task', id: 't1', title: 'Kaveri site visit', body: '' },
    ]);
  });

  const get = (path: string, token: string | null, host = 'acme.localhost') =>
    t.request(host, path, token ? { headers: { authorization: `Bearer ${token}` } } : {});

  it('answers hits for a signed-in user', async () => {
    const res = await get('/api/search?q=kaveri', owner);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { hits: { type: string; id: string }[] };
    expect(body.hits.map((h) => `${h.type}:${h.id}`).sort()).toEqual(['deal:d1', 'task:t1']);
  });

  it('leaves out types the user may not read', async () => {
    // The accountant reads tasks, contacts and companies, but not deals.
    const accountant = await userWithRoles(t.p, 'acme', 'books@acme.test', ['accountant']);
    const body = (await (await get('/api/search?q=kaveri', accountant)).json()) as { hits: { type: string }[] };
    expect(body.hits.map((h) => h.type)).toEqual(['task']);
    const asked = (await (await get('/api/search?q=kaveri&types=deal', accountant)).json()) as { hits: unknown[] };
    expect(asked.hits).toEqual([]);
  });

  it('needs a session of this tenant', async () => {
    expect((await get('/api/search?q=kaveri', null)).status).toBe(401);
    const globex = await sessionToken(t.p, 'globex', 'owner@globex.test');
    expect((await get('/api/search?q=kaveri', globex)).status).toBe(401);
    const own = (await (await get('/api/search?q=kaveri', globex, 'globex.localhost')).json()) as { hits: unknown[] };
    expect(own.hits).toEqual([]);
  });

  it('refuses an unknown type', async () => {
    const res = await get('/api/search?q=x&types=invoice', owner);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
  });
});

describe('catching up from the CRM tables', () => {
  let db: TenantDb;
  let token: string;

  const commit = (version: number) =>
    db.insert(syncState).values({ id: 1, version }).onDuplicateKeyUpdate({ set: { version } });
  const find = async (q: string) => {
    const res = await t.request('globex.localhost', `/api/search?q=${encodeURIComponent(q)}`, { headers: { authorization: `Bearer ${token}` } });
    return ((await res.json()) as { hits: { type: string; id: string }[] }).hits.map((h) => `${h.type}:${h.id}`).sort();
  };

  beforeAll(async () => {
    const tenant = (await t.p.tenantCache.get('globex'))!;
    db = t.p.pools.get(tenant).db;
    token = await sessionToken(t.p, 'globex', 'owner@globex.test');
    await db.insert(companies).values({ id: 'co1', name: 'Narmada Cement', industry: 'construction', version: 1 });
    await db.insert(contacts).values({ id: 'ct1', name: 'Ravi Narmada', companyId: 'co1', emailEnc: 'sealed', version: 2 });
    await db.insert(deals).values({
      id: 'dl1', title: 'Bulk cement', stage: 'proposal', valuePaise: 100, currency: 'INR', probability: 50, position: 'm', companyId: 'co1', version: 3,
    });
    await db.insert(tasks).values({ id: 'tk1', title: 'Send cement quote', status: 'todo', priority: 'high', createdBy: 'u', version: 4 });
    await db.insert(tasks).values({ id: 'tk2', title: 'Old cement task', status: 'done', priority: 'low', createdBy: 'u', version: 5, deleted: true });
    await commit(5);
  });

  it('finds committed rows with no explicit indexing, and never sealed fields or deleted rows', async () => {
    expect(await find('cement')).toEqual(['company:co1', 'contact:ct1', 'deal:dl1', 'task:tk1']);
    // The deal and the contact are found by their company's name.
    expect(await find('narmada')).toEqual(['company:co1', 'contact:ct1', 'deal:dl1']);
    expect(await find('sealed')).toEqual([]);
    expect(await find('old')).toEqual([]);
  });

  it('follows later writes and soft deletes', async () => {
    await db.update(tasks).set({ deleted: true, version: 6 }).where(eq(tasks.id, 'tk1'));
    await db.insert(tasks).values({ id: 'tk3', title: 'Cement mixer repair', status: 'todo', priority: 'normal', createdBy: 'u', version: 7 });
    await commit(7);
    expect(await find('cement')).toEqual(['company:co1', 'contact:ct1', 'deal:dl1', 'task:tk3']);
  });

  it('leaves rows above the committed version for the next catch-up', async () => {
    await db.insert(tasks).values({ id: 'tk4', title: 'Cement audit', status: 'todo', priority: 'normal', createdBy: 'u', version: 9 });
    expect(await find('audit')).toEqual([]);
    await commit(9);
    expect(await find('audit')).toEqual(['task:tk4']);
  });

  it('search:reindex rebuilds the whole index', async () => {
    await db.insert(searchIndex).values({ type: 'task', id: 'stale', title: 'Stale cement entry', body: '' });
    const lines: string[] = [];
    const io = { out: (l: string) => lines.push(l), err: (l: string) => lines.push(`err: ${l}`) };
    expect(await searchReindex.run({ p: t.p, args: { positionals: ['globex'], values: {} }, io })).toBe(0);
    expect(lines).toEqual(['Reindexed globex: 1 companies, 1 contacts, 1 deals, 2 tasks']);
    expect(await find('cement')).toEqual(['company:co1', 'contact:ct1', 'deal:dl1', 'task:tk3', 'task:tk4']);
    expect(await searchReindex.run({ p: t.p, args: { positionals: ['nosuch'], values: {} }, io })).toBe(1);
  });
});
