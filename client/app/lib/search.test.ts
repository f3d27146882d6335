import { describe, expect, it } from 'vitest';

import type { Contact } from '../../../shared/domain';
import { buildIndex, search } from './search';

const at = '2026-01-01T00:00:00Z';
function contact(id: string, name: string, email: string | null = null): Contact {
  return { id, name, email, phone: null, companyId: null, title: null, address: null, notes: null, createdAt: at, updatedAt: at };
}

describe('local search', () => {
  const index = buildIndex({
    contacts: [contact('1', 'Priya Sharma', 'priya@acme.in'), contact('2', 'Arjun Priyadarshi'), contact('3', 'Ravi Kumar', 'ravi@sharma.co')],
    companies: [{ id: 'c1', name: 'Sharma Traders', gstin: '27AAPFU0939F1ZV', website: null, industry: 'Textiles', createdAt: at, updatedAt: at }],
    deals: [],
    tasks: [],
  });

  it('finds across kinds and ranks a title prefix first', () => {
    const hits = search(index, 'sharma').map((d) => `${d.kind}:${d.id}`);
    expect(hits[0]).toBe('company:c1');
    expect(hits).toContain('contact:1');
    expect(hits).toContain('contact:3');
  });

  it('needs every word to match, in any field, ignoring case', () => {
    expect(search(index, 'PRIYA acme').map((d) => d.id)).toEqual(['1']);
    expect(search(index, '27aapfu').map((d) => d.id)).toEqual(['c1']);
  });

  it('returns nothing for a blank query and stops at the limit', () => {
    expect(search(index, '  ')).toEqual([]);
    expect(search(index, 'a', 2)).toHaveLength(2);
  });
});
