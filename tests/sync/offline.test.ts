import 'fake-indexeddb/auto';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { newID } from '../../shared/ids';
import { hostFetch } from '../../sync-server/http/host-client';
import type { RunningServer } from '../../sync-server/http/server';
import { createTestPlatform, type TestPlatform } from '../helpers/platform';
import { SyncClient } from '../../client/sync';
import { type Member, memberOf, serverSnapshot, waitFor } from './helpers';

let t: TestPlatform;
let server: RunningServer;
let owner: Member;

beforeAll(async () => {
  t = await createTestPlatform();
  await t.tenant('field');
  server = await t.listen();
  owner = await memberOf(t.p, 'field', 'owner@field.test');
});

afterAll(async () => {
  await t.cleanup();
});

/** A device on (fake) IndexedDB whose network can be cut, like a phone in a basement. */
function device(net: { offline: boolean }): SyncClient {
  const real = hostFetch(server.url, owner.host);
  return new SyncClient({
    tenant: owner.slug, userID: owner.userID, token: owner.token, baseURL: 'http://sync.test',
    kvStore: 'idb', openSocket: null, requestOptions: { minDelayMs: 20, maxDelayMs: 200 },
    fetch: (async (input: string | URL | Request, init?: RequestInit) => {
      if (net.offline) throw new TypeError('fetch failed: offline');
      return real(new URL(String(input)).pathname, init);
    }) as typeof fetch,
  });
}

describe('offline', () => {
  it('S-3: mutations made offline survive a reload and reach the server when the network returns', async () => {
    const net = { offline: true };
    const first = device(net);
    const deal = newID();
    const task = newID();
    await first.mutate.createDeal({ id: deal, title: 'Looms for Surat', valuePaise: 12_50_000_00 });
    await first.mutate.createTask({ id: task, title: 'Visit the mill', dealId: deal });
    await waitFor(() => first.getState().pending === 2, 5_000, 'two pending');
    // Replicache writes its memory to IndexedDB on a 1 s throttle; wait until a fresh instance
    // (what a reload creates) sees the mutations, then "reload".
    await waitFor(async () => {
      const probe = device(net);
      const persisted = await probe.rep.query((tx) => tx.has(`task/${task}`));
      await probe.close();
      return persisted;
    }, 10_000, 'mutations persisted');
    await first.close();

    const second = device(net);
    expect(await second.rep.query((tx) => tx.get(`deal/${deal}`))).toMatchObject({ title: 'Looms for Surat' });
    net.offline = false;
    await waitFor(async () => {
      void second.rep.push({ now: true }).catch(() => undefined);
      const rows = await serverSnapshot(t.p, 'field');
      return rows.has(`deal/${deal}`) && rows.has(`task/${task}`);
    }, 15_000, 'rows on the server');
    await waitFor(() => second.getState().pending === 0, 10_000, 'queue drained');
    await second.close();
  });
});
