import type { Task, TaskPriority, TaskStatus } from '../../../shared/domain';

export const STATUS_LABEL: Readonly<Record<TaskStatus, string>> = {
  todo: 'To do', in_progress: 'In progress', blocked: 'Blocked', done: 'Done',
};

export const PRIORITY_LABEL: Readonly<Record<TaskPriority, string>> = {
  low: 'Low', normal: 'Normal', high: 'High', urgent: 'Urgent',
};

/**
 * The status workflow: which moves a task offers from each status. Any status can be reached
 * through the select; these are the one-click next steps.
 */
export const NEXT_STATUSES: Readonly<Record<TaskStatus, readonly TaskStatus[]>> = {
  todo: ['in_progress', 'done'],
  in_progress: ['blocked', 'done'],
  blocked: ['in_progress'],
  done: ['todo'],
};

const PRIORITY_RANK: Readonly<Record<TaskPriority, number>> = { urgent: 0, high: 1, normal: 2, low: 3 };

export type TaskSort = 'due' | 'priority' | 'created';

/** Open tasks first; then by the chosen key; undated tasks after dated ones. */
export function compareTasks(sort: TaskSort): (a: Task, b: Task) => number {
  return (a, b) => {
    const doneA = a.status === 'done' ? 1 : 0;
    const doneB = b.status === 'done' ? 1 : 0;
    if (doneA !== doneB) return doneA - doneB;
    if (sort === 'priority') {
      const p = PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority];
      if (p !== 0) return p;
    }
    if (sort === 'due' || sort === 'priority') {
      const da = a.dueDate ?? '9999-12-31';
      const db = b.dueDate ?? '9999-12-31';
      if (da !== db) return da < db ? -1 : 1;
    }
    // Newest first: ids are ULIDs, so they sort by creation time.
    return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
  };
}
