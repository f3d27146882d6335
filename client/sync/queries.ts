import type { ReadTransaction } from 'replicache';

import { KEY_PREFIX, type EntityKind, type Me, META_ME_KEY, type Rejection, type UserSummary } from '../../shared/domain';
import type { AnyPermission } from '../../shared/permissions';
import type { EntityMap } from '../../mutators';

/** Read helpers over the replica (docs/sync.md, "Replica keys"); use them inside subscriptions. */

export async function listEntities<K extends EntityKind>(tx: ReadTransaction, kind: K): Promise<EntityMap[K][]> {
  return (await tx.scan({ prefix: KEY_PREFIX[kind] }).values().toArray()) as unknown as EntityMap[K][];
}

export async function getMe(tx: ReadTransaction): Promise<Me | null> {
  return ((await tx.get(META_ME_KEY)) as Me | undefined) ?? null;
}

export async function listUsers(tx: ReadTransaction): Promise<UserSummary[]> {
  return (await tx.scan({ prefix: KEY_PREFIX.user }).values().toArray()) as unknown as UserSummary[];
}

export async function listRejections(tx: ReadTransaction): Promise<Rejection[]> {
  const all = (await tx.scan({ prefix: KEY_PREFIX.rejection }).values().toArray()) as unknown as Rejection[];
  return all.sort((a, b) => a.at.localeCompare(b.at));
}

/** Comments of one task, oldest first. */
export async function listComments(tx: ReadTransaction, taskID: string): Promise<EntityMap['comment'][]> {
  const all = await listEntities(tx, 'comment');
  return all.filter((c) => c.taskId === taskID).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/** UI gate only: the server checks again on every push. */
export function can(me: Me | null, permission: AnyPermission): boolean {
  return me !== null && me.permissions.includes(permission);
}
