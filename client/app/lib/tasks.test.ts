import { describe, expect, it } from 'vitest';

import type { Task } from '../../../shared/domain';
import { compareTasks, NEXT_STATUSES } from './tasks';

const at = '2026-01-01T00:00:00Z';
function task(id: string, extra: Partial<Task> = {}): Task {
  return {
    id, title: id, status: 'todo', assigneeId: null, dueDate: null, priority: 'normal', dealId: null, contactId: null,
    createdBy: 'u', commentCount: 0, createdAt: at, updatedAt: at, ...extra,
  };
}

describe('task ordering and workflow', () => {
  it('puts open tasks first, then by due date with undated last', () => {
    const list = [task('a', { status: 'done', dueDate: '2026-01-01' }), task('b'), task('c', { dueDate: '2026-02-01' }), task('d', { dueDate: '2026-01-15' })];
    expect(list.sort(compareTasks('due')).map((t) => t.id)).toEqual(['d', 'c', 'b', 'a']);
  });

  it('sorts by priority before due date when asked', () => {
    const list = [task('a', { dueDate: '2026-01-01' }), task('b', { priority: 'urgent' }), task('c', { priority: 'high', dueDate: '2026-03-01' })];
    expect(list.sort(compareTasks('priority')).map((t) => t.id)).toEqual(['b', 'c', 'a']);
  });

  it('offers a way forward from every status', () => {
    for (const next of Object.values(NEXT_STATUSES)) expect(next.length).toBeGreaterThan(0);
  });
});
