import { describe, expect, it } from 'vitest';

import type { EntityKind } from '../shared/domain';
import { findMutator, type EntityMap, type MutationContext, type MutatorTx, mutators } from './index';

/** An in-memory MutatorTx: what both the replica and the database look like to a mutator. */
class MemoryTx implements MutatorTx {
  readonly rows = new Map<string, unknown>();
  async get<K extends EntityKind>(kind: K, id: string): Promise<EntityMap[K] | undefined> {
    return this.rows.get(`${kind}/${id}`) as EntityMap[K] | undefined;
  }
  async put<K extends EntityKind>(kind: K, value: EntityMap[K]): Promise<void> {
    this.rows.set(`${kind}/${value.id}`, value);
  }
  async del(kind: EntityKind, id: string): Promise<void> {
    this.rows.delete(`${kind}/${id}`);
  }
}

const ctx: MutationContext = { userID: 'u1', now: '2026-12-03T10:00:00.000Z', location: 'server' };

async function run(tx: MemoryTx, name: string, args: unknown): Promise<string | null> {
  const def = findMutator(name);
  if (!def) return 'unknown';
  const parsed = def.args.safeParse(args);
  if (!parsed.success) return 'invalid';
  const refused = def.server ? await def.server(tx, parsed.data, ctx) : null;
  if (refused) return refused.code;
  await def.apply(tx, parsed.data, ctx);
  return null;
}

describe('mutators', () => {
  it('every mutator names the permission it needs', () => {
    for (const def of Object.values(mutators)) expect(def.permission).toMatch(/^[a-z]+\.[a-z]+$/);
  });

  it('S-10: a create never overwrites an existing row', async () => {
    const tx = new MemoryTx();
    expect(await run(tx, 'createCompany', { id: 'c1', name: 'Tata' })).toBeNull();
    expect(await run(tx, 'createCompany', { id: 'c1', name: 'Impostor' })).toBe('conflict');
    expect(tx.rows.get('company/c1')).toMatchObject({ name: 'Tata', gstin: null, createdAt: ctx.now });
  });

  it('S-10: references must exist; an update of a deleted row is a no-op', async () => {
    const tx = new MemoryTx();
    expect(await run(tx, 'createContact', { id: 'p1', name: 'Asha', companyId: 'missing' })).toBe('validation');
    expect(await run(tx, 'addComment', { id: 'm1', taskId: 'missing', body: 'hi' })).toBe('validation');
    await run(tx, 'createDeal', { id: 'd1', title: 'Looms' });
    await run(tx, 'deleteDeal', { id: 'd1' });
    expect(await run(tx, 'updateDeal', { id: 'd1', probability: 50 })).toBeNull();
    expect(tx.rows.has('deal/d1')).toBe(false);
  });

  it('a partial update changes only the fields it names', async () => {
    const tx = new MemoryTx();
    await run(tx, 'createTask', { id: 't1', title: 'Call', priority: 'high', dueDate: '2027-01-05' });
    await run(tx, 'updateTask', { id: 't1', status: 'done' });
    expect(tx.rows.get('task/t1')).toMatchObject({ title: 'Call', priority: 'high', dueDate: '2027-01-05', status: 'done', createdBy: 'u1' });
  });

  it('moveDeal to won sets probability 100; leaving lost clears the reason', async () => {
    const tx = new MemoryTx();
    await run(tx, 'createDeal', { id: 'd1', title: 'Looms', probability: 40 });
    await run(tx, 'moveDeal', { id: 'd1', stage: 'lost', position: 'a1', lostReason: 'Price' });
    expect(tx.rows.get('deal/d1')).toMatchObject({ stage: 'lost', probability: 0, lostReason: 'Price' });
    await run(tx, 'moveDeal', { id: 'd1', stage: 'won', position: 'a2' });
    expect(tx.rows.get('deal/d1')).toMatchObject({ stage: 'won', probability: 100, lostReason: null, position: 'a2' });
  });

  it('comments keep the task count and take the author from the context', async () => {
    const tx = new MemoryTx();
    await run(tx, 'createTask', { id: 't1', title: 'Call' });
    await run(tx, 'addComment', { id: 'm1', taskId: 't1', body: 'Done?', mentions: ['u2'] });
    await run(tx, 'addComment', { id: 'm2', taskId: 't1', body: 'Yes' });
    await run(tx, 'deleteComment', { id: 'm1' });
    expect(tx.rows.get('task/t1')).toMatchObject({ commentCount: 1 });
    expect(tx.rows.get('comment/m2')).toMatchObject({ authorId: 'u1', mentions: [] });
  });

  it('arguments are validated: bad stage, float paise, bad date, unknown name', async () => {
    const tx = new MemoryTx();
    expect(await run(tx, 'createDeal', { id: 'd1', title: 'X', stage: 'maybe' })).toBe('invalid');
    expect(await run(tx, 'createDeal', { id: 'd1', title: 'X', valuePaise: 10.5 })).toBe('invalid');
    expect(await run(tx, 'createTask', { id: 't1', title: 'X', dueDate: '05/01/2027' })).toBe('invalid');
    expect(await run(tx, 'createContact', { id: 'p1', name: 'X', email: 'not-an-email' })).toBe('invalid');
    expect(await run(tx, 'dropTables', {})).toBe('unknown');
  });
});
