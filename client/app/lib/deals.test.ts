import { describe, expect, it } from 'vitest';

import type { Deal } from '../../../shared/domain';
import { byPosition, groupByStage, positionAt, totals } from './deals';

function deal(id: string, position: string, extra: Partial<Deal> = {}): Deal {
  return {
    id, title: id, stage: 'lead', valuePaise: 0, currency: 'INR', ownerId: null, expectedClose: null, probability: 10,
    lostReason: null, companyId: null, contactId: null, position, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z',
    ...extra,
  };
}

describe('kanban positions', () => {
  it('places a dropped card between its new neighbours', () => {
    const col = [deal('a', 'a3'), deal('b', 'a8')];
    const top = positionAt(col, 0);
    const mid = positionAt(col, 1);
    const end = positionAt(col, 2);
    expect(top < 'a3').toBe(true);
    expect(mid > 'a3' && mid < 'a8').toBe(true);
    expect(end > 'a8').toBe(true);
  });

  it('survives neighbours with equal positions (two offline creates at the default)', () => {
    const col = [deal('a', 'a5'), deal('b', 'a5')];
    expect(() => positionAt(col, 1)).not.toThrow();
    expect(positionAt(col, 1) > 'a5').toBe(true);
  });

  it('orders by position, then id, inside each stage', () => {
    const g = groupByStage([deal('z', 'h'), deal('y', 'h'), deal('x', 'a'), deal('w', 'b', { stage: 'won' })]);
    expect(g.lead.map((d) => d.id)).toEqual(['x', 'y', 'z']);
    expect(g.won.map((d) => d.id)).toEqual(['w']);
    expect([deal('b', 'h'), deal('a', 'h')].sort(byPosition).map((d) => d.id)).toEqual(['a', 'b']);
  });

  it('totals value and probability-weighted value per stage', () => {
    const t = totals([deal('a', 'h', { valuePaise: 100_00, probability: 50 }), deal('b', 'i', { valuePaise: 300_00, probability: 10 })]);
    expect(t).toEqual({ count: 2, valuePaise: 400_00, weightedPaise: 80_00 });
  });
});
