import { describe, expect, it } from 'vitest';
import type { ReadTransaction } from 'replicache';

import { CreateJournal } from './journal';

class MemoryStorage implements Storage {
  private m = new Map<string, string>();
  get length() { return this.m.size; }
  clear() { this.m.clear(); }
  getItem(k: string) { return this.m.get(k) ?? null; }
  key(i: number) { return [...this.m.keys()][i] ?? null; }
  removeItem(k: string) { this.m.delete(k); }
  setItem(k: string, v: string) { this.m.set(k, v); }
}

function replica(keys: readonly string[]): ReadTransaction {
  return { has: async (k: string) => keys.includes(k) } as unknown as ReadTransaction;
}

describe('create journal', () => {
  it('replays creates the replica does not have, and only those', async () => {
    const j = new CreateJournal('j', new MemoryStorage());
    j.record('createTask', { id: 't1', title: 'Call' }, 0);
    j.record('createDeal', { id: 'd1', title: 'Looms' }, 0);
    j.record('updateTask', { id: 't1', title: 'Call back' }, 0);
    const missing = await j.missing(replica(['task/t1']));
    expect(missing.map((e) => e.name)).toEqual(['createDeal']);
  });

  it('forgets a create once its row is in the replica, nothing is pending and it is surely on disk', async () => {
    const j = new CreateJournal('j', new MemoryStorage());
    j.record('createTask', { id: 't1', title: 'Call' }, 0);
    j.record('addComment', { id: 'c1', taskId: 't1', body: 'hi' }, 0);
    await j.prune(replica(['task/t1']), 1_000);
    expect((await j.missing(replica([]))).map((e) => e.args.id)).toEqual(['t1', 'c1']);
    await j.prune(replica(['task/t1']), 10_000);
    expect((await j.missing(replica([]))).map((e) => e.args.id)).toEqual(['c1']);
    await j.prune(replica([]), 120_000);
    expect(await j.missing(replica([]))).toEqual([]);
  });

  it('never replays a create that was deleted afterwards', async () => {
    const j = new CreateJournal('j', new MemoryStorage());
    j.record('createContact', { id: 'p1', name: 'Priya' }, 0);
    j.record('deleteContact', { id: 'p1' }, 0);
    expect(await j.missing(replica([]))).toEqual([]);
  });
});
