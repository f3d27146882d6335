import { beforeEach, describe, expect, it } from 'vitest';

import type { SearchPort } from '../../sync-server/search/port';

/**
 * The search port's contract, run against every adapter. Two tenants, so isolation is part of
 * the contract; `setup` is called lazily because adapters are built in beforeAll.
 */
export function searchContract(name: string, setup: () => { port: SearchPort; tenant: string; other: string }): void {
  describe(`search port contract: ${name}`, () => {
    let port: SearchPort;
    let tenant: string;
    let other: string;

    beforeEach(async () => {
      ({ port, tenant, other } = setup());
      await port.clear(tenant);
      await port.clear(other);
      await port.index(tenant, [
        { type: 'company', id: 'c1', title: 'Ganesh Traders', body: 'Wholesale textiles, Surat' },
        { type: 'contact', id: 'p1', title: 'Priya Raman', body: 'Purchase head at Ganesh Traders' },
        { type: 'deal', id: 'd1', title: 'Ganesh annual contract', body: 'negotiation' },
        { type: 'task', id: 't1', title: 'Call Priya regarding samples', body: 'todo high' },
        { type: 'company', id: 'c2', title: 'AB Exports', body: 'Steel pipes, Pune' },
      ]);
    });

    it('finds by a whole word and answers type, id, title and snippet', async () => {
      const hits = await port.query(tenant, 'textiles');
      expect(hits).toEqual([{ type: 'company', id: 'c1', title: 'Ganesh Traders', snippet: 'Wholesale textiles, Surat' }]);
    });

    it('matches the last term as a prefix', async () => {
      const hits = await port.query(tenant, 'priya sampl');
      expect(hits.map((h) => h.id)).toEqual(['t1']);
    });

    it('requires every term', async () => {
      expect(await port.query(tenant, 'ganesh steel')).toEqual([]);
      expect((await port.query(tenant, 'ganesh')).map((h) => h.id).sort()).toEqual(['c1', 'd1', 'p1']);
    });

    it('finds a word shorter than the full-text minimum', async () => {
      expect((await port.query(tenant, 'ab')).map((h) => h.id)).toEqual(['c2']);
    });

    it('filters by type; an empty type list matches nothing', async () => {
      expect((await port.query(tenant, 'ganesh', { types: ['deal', 'contact'] })).map((h) => h.id).sort()).toEqual(['d1', 'p1']);
      expect(await port.query(tenant, 'ganesh', { types: [] })).toEqual([]);
    });

    it('honours the limit', async () => {
      expect(await port.query(tenant, 'ganesh', { limit: 2 })).toHaveLength(2);
    });

    it('treats operator characters in the query as plain separators', async () => {
      expect((await port.query(tenant, '+"textiles*" -(')).map((h) => h.id)).toEqual(['c1']);
      expect(await port.query(tenant, '*** ""')).toEqual([]);
    });

    it('replaces a document indexed again under the same type and id', async () => {
      await port.index(tenant, [{ type: 'company', id: 'c1', title: 'Lakshmi Mills', body: 'Yarn' }]);
      expect(await port.query(tenant, 'textiles')).toEqual([]);
      expect((await port.query(tenant, 'lakshmi')).map((h) => h.id)).toEqual(['c1']);
    });

    it('removes documents', async () => {
      await port.remove(tenant, [{ type: 'task', id: 't1' }, { type: 'deal', id: 'd1' }]);
      expect((await port.query(tenant, 'ganesh')).map((h) => h.id).sort()).toEqual(['c1', 'p1']);
      expect(await port.query(tenant, 'samples')).toEqual([]);
    });

    it('keeps tenants apart', async () => {
      expect(await port.query(other, 'ganesh')).toEqual([]);
      await port.index(other, [{ type: 'task', id: 't1', title: 'Other tenant task', body: '' }]);
      expect((await port.query(tenant, 'samples')).map((h) => h.title)).toEqual(['Call Priya regarding samples']);
      expect((await port.query(other, 'tenant')).map((h) => h.id)).toEqual(['t1']);
    });

    it('cuts a snippet around the first match in a long body', async () => {
      const body = `${'filler words here '.repeat(20)}the invoice mentions turmeric shipment ${'more text '.repeat(20)}`;
      await port.index(tenant, [{ type: 'deal', id: 'd9', title: 'Spice order', body }]);
      const [hit] = await port.query(tenant, 'turmeric');
      expect(hit?.snippet).toContain('turmeric shipment');
      expect(hit?.snippet.startsWith('…')).toBe(true);
      expect(hit!.snippet.length).toBeLessThanOrEqual(122);
    });

    it('clear forgets everything of the tenant only', async () => {
      await port.index(other, [{ type: 'task', id: 'x', title: 'Ganesh in other', body: '' }]);
      await port.clear(tenant);
      expect(await port.query(tenant, 'ganesh')).toEqual([]);
      expect((await port.query(other, 'ganesh')).map((h) => h.id)).toEqual(['x']);
    });
  });
}
