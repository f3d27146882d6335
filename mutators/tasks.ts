import { z } from 'zod';

import { commentFields, idSchema, taskFields } from '../shared/domain';

import { applyPatch, firstError, mustNotExist, mustReference } from './checks';
import { defineMutator } from './define';

const idArgs = z.object({ id: idSchema });

export const createTask = defineMutator({
  name: 'createTask',
  args: z.object({
    id: idSchema,
    ...taskFields,
    status: taskFields.status.default('todo'),
    assigneeId: taskFields.assigneeId.default(null),
    dueDate: taskFields.dueDate.default(null),
    priority: taskFields.priority.default('normal'),
    dealId: taskFields.dealId.default(null),
    contactId: taskFields.contactId.default(null),
  }),
  permission: 'tasks.create',
  server: (tx, a) =>
    firstError([
      () => mustNotExist(tx, 'task', a.id),
      () => mustReference(tx, 'deal', a.dealId),
      () => mustReference(tx, 'contact', a.contactId),
    ]),
  apply: (tx, a, ctx) =>
    tx.put('task', { ...a, createdBy: ctx.userID, commentCount: 0, createdAt: ctx.now, updatedAt: ctx.now }),
});

export const updateTask = defineMutator({
  name: 'updateTask',
  args: z.object({ id: idSchema, ...taskFields }).partial().required({ id: true }),
  permission: 'tasks.update',
  server: (tx, a) =>
    firstError([() => mustReference(tx, 'deal', a.dealId), () => mustReference(tx, 'contact', a.contactId)]),
  apply: async (tx, a, ctx) => {
    const cur = await tx.get('task', a.id);
    if (cur === undefined) return;
    await tx.put('task', { ...applyPatch(cur, a), updatedAt: ctx.now });
  },
});

export const deleteTask = defineMutator({
  name: 'deleteTask',
  args: idArgs,
  permission: 'tasks.delete',
  // Limitation: the task's comments stay (orphaned) in the replica; screens list comments by
  // taskId so they are never shown. Deleting them here would need a scan inside the push.
  apply: (tx, a) => tx.del('task', a.id),
});

/**
 * Adds a comment and bumps the task's commentCount. The count is not idempotent on purpose:
 * it is how the convergence test proves each mutation is applied exactly once (S-3).
 */
export const addComment = defineMutator({
  name: 'addComment',
  args: z.object({ id: idSchema, ...commentFields, mentions: commentFields.mentions.default([]) }),
  permission: 'comments.create',
  server: (tx, a) => firstError([() => mustNotExist(tx, 'comment', a.id), () => mustReference(tx, 'task', a.taskId)]),
  apply: async (tx, a, ctx) => {
    await tx.put('comment', { ...a, authorId: ctx.userID, createdAt: ctx.now, updatedAt: ctx.now });
    const task = await tx.get('task', a.taskId);
    if (task !== undefined) await tx.put('task', { ...task, commentCount: task.commentCount + 1 });
  },
});

export const deleteComment = defineMutator({
  name: 'deleteComment',
  args: idArgs,
  permission: 'comments.delete',
  apply: async (tx, a) => {
    const cur = await tx.get('comment', a.id);
    if (cur === undefined) return;
    await tx.del('comment', a.id);
    const task = await tx.get('task', cur.taskId);
    if (task !== undefined) await tx.put('task', { ...task, commentCount: Math.max(0, task.commentCount - 1) });
  },
});
