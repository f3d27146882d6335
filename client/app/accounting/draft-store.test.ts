import 'fake-indexeddb/auto';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { GSTINS } from '../../../shared/gst/fixtures';
import {
  editedDraft,
  postDraft,
  postQueued,
  type PostingTransport,
  type Reply,
} from './draft-posting';
import { DraftStore, draftsVersion } from './draft-store';
import { emptyDraft, emptyLine, type InvoiceDraft } from './invoice-draft';

let scope = 0;
let store: DraftStore;

beforeEach(async () => {
  scope += 1;
  store = await DraftStore.open(`test-${scope}`);
});

afterEach(() => store.close());

function draft(id: string, overrides: Partial<InvoiceDraft> = {}): InvoiceDraft {
  return {
    ...emptyDraft({
      id,
      companyId: 'c1',
      date: '2024-08-05',
      now: `2024-08-05T10:00:0${id.slice(-1)}Z`,
    }),
    partyGstin: GSTINS.mhBuyer,
    lines: [{ ...emptyLine(), hsn: '8471', description: 'Laptop', taxableValue: '1000' }],
    ...overrides,
  };
}

const OFFLINE = { ok: false, offline: true, message: 'No connection' } as const;

/**
 * The server as far as posting sees it: it keeps uploads by their id (a repeated id is a
 * no-op, as the real one answers with the first copy) and numbers posts in order. `down`
 * makes every call fail as a cut network does.
 */
class FakeServer implements PostingTransport {
  down = false;
  refusePost: string | null = null;
  readonly documents = new Map<string, Record<string, unknown>>();
  readonly posted: string[] = [];

  async uploadDraft(
    _companyId: string,
    id: string,
    doc: Record<string, unknown>,
  ): Promise<Reply<{ id: string }>> {
    if (this.down) return OFFLINE;
    if (!this.documents.has(id)) this.documents.set(id, doc);
    return { ok: true, value: { id } };
  }

  async postDocument(_companyId: string, id: string): Promise<Reply<{ number: string }>> {
    if (this.down) return OFFLINE;
    if (this.refusePost !== null) return { ok: false, offline: false, message: this.refusePost };
    if (!this.posted.includes(id)) this.posted.push(id);
    return {
      ok: true,
      value: { number: `INV/2425/${String(this.posted.indexOf(id) + 1).padStart(4, '0')}` },
    };
  }
}

/** Deterministic server ids: srv-1, srv-2, … */
function ids(): () => string {
  let n = 0;
  return () => `srv-${++n}`;
}

describe('DraftStore', () => {
  it("lists a company's drafts newest first and nobody else's", async () => {
    await store.put(draft('d1'));
    await store.put(draft('d2'));
    await store.put(draft('d3', { companyId: 'c2' }));
    expect((await store.list('c1')).map((d) => d.id)).toEqual(['d2', 'd1']);
    expect((await store.list('c2')).map((d) => d.id)).toEqual(['d3']);
  });

  it('keeps a draft across a reopen of the database (a reload)', async () => {
    await store.put(draft('d1', { partyName: 'Mehta Traders' }));
    store.close();
    store = await DraftStore.open(`test-${scope}`);
    expect((await store.get('d1'))?.partyName).toBe('Mehta Traders');
  });

  it('bumps the version on every change so lists re-read', async () => {
    const before = draftsVersion.get();
    await store.put(draft('d1'));
    await store.remove('d1');
    expect(draftsVersion.get()).toBe(before + 2);
  });
});

describe('postDraft', () => {
  it('uploads, posts and removes the device copy, returning the allocated number (D-4)', async () => {
    const server = new FakeServer();
    await store.put(draft('d1'));
    expect(await postDraft(store, server, draft('d1'), ids())).toEqual({
      kind: 'posted',
      id: 'srv-1',
      number: 'INV/2425/0001',
    });
    expect(await store.get('d1')).toBeUndefined();
  });

  it('queues a draft while offline and posts it when the network returns (D-2)', async () => {
    const server = new FakeServer();
    server.down = true;
    await store.put(draft('d1'));
    await store.put(draft('d2'));
    expect(await postDraft(store, server, draft('d1'))).toEqual({ kind: 'queued' });
    expect(await postDraft(store, server, draft('d2'))).toEqual({ kind: 'queued' });
    expect((await store.get('d1'))?.status).toBe('queued');

    server.down = false;
    const outcomes = await postQueued(store, server, 'c1');
    expect(outcomes.map((o) => (o.kind === 'posted' ? o.number : o.kind))).toEqual([
      'INV/2425/0001',
      'INV/2425/0002',
    ]);
    expect(await store.list('c1')).toEqual([]);
  });

  it('stores and books it once when the answer to the post was lost (D-1)', async () => {
    const server = new FakeServer();
    const newId = ids();
    await store.put(draft('d1'));
    // The upload gets through, then the network drops before the post.
    const upload = server.uploadDraft.bind(server);
    server.uploadDraft = async (...args) => {
      const reply = await upload(...args);
      server.down = true;
      return reply;
    };
    expect(await postDraft(store, server, draft('d1'), newId)).toEqual({ kind: 'queued' });
    const kept = await store.get('d1');
    expect(kept).toMatchObject({ status: 'queued', serverId: 'srv-1' });

    server.down = false;
    server.uploadDraft = upload;
    expect(await postDraft(store, server, kept!, newId)).toMatchObject({
      kind: 'posted',
      id: 'srv-1',
    });
    expect([...server.documents.keys()]).toEqual(['srv-1']);
    expect(server.posted).toEqual(['srv-1']);
  });

  it('keeps a refused draft with the reason, and uploads it afresh once edited (D-3)', async () => {
    const server = new FakeServer();
    const newId = ids();
    server.refusePost = 'financial year 2024-04-01 to 2025-03-31 is closed';
    await store.put(draft('d1'));
    expect(await postDraft(store, server, draft('d1'), newId)).toEqual({
      kind: 'failed',
      message: server.refusePost,
    });
    const failed = await store.get('d1');
    expect(failed).toMatchObject({ status: 'failed', error: server.refusePost, serverId: 'srv-1' });

    const edited = editedDraft(failed!, { date: '2025-04-02' }, '2025-04-02T09:00:00Z');
    expect(edited).toMatchObject({ status: 'draft', error: null, serverId: null });
    server.refusePost = null;
    expect(await postDraft(store, server, edited, newId)).toMatchObject({
      kind: 'posted',
      id: 'srv-2',
    });
    expect(server.documents.get('srv-2')?.date).toBe('2025-04-02');
  });

  it('does not send a draft the shared validator refuses', async () => {
    const server = new FakeServer();
    const bad = draft('d1', { lines: [{ ...emptyLine(), hsn: '12', taxableValue: '10' }] });
    await store.put(bad);
    const outcome = await postDraft(store, server, bad);
    expect(outcome.kind).toBe('failed');
    expect(server.documents.size).toBe(0);
    expect((await store.get('d1'))?.status).toBe('failed');
  });
});
