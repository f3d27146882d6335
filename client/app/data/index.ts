import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReadTransaction } from 'replicache';

import type { EntityMap, MutatorArgs, MutatorName } from '../../../mutators';
import {
  KEY_PREFIX, META_ME_KEY, type Comment, type EntityKind, type Me, type Rejection, type UserSummary,
} from '../../../shared/domain';
import { createStore, useStore } from '../lib/store';
import { session } from '../session';
import type { SyncStatus, WorkspaceClient } from './client';

export type { SyncStatus, WorkspaceClient } from './client';

export const WorkspaceContext = createContext<WorkspaceClient | null>(null);

export function useWorkspace(): WorkspaceClient {
  const client = useContext(WorkspaceContext);
  if (client === null) throw new Error('useWorkspace outside <WorkspaceContext>');
  return client;
}

/**
 * A live query over the replica. Replicache re-runs it only when a key it read changes, and
 * hands back a new value only when the result differs, so unrelated writes cost nothing here.
 * `deps` are the inputs of `query`, as with useEffect.
 */
export function useQuery<R>(query: (tx: ReadTransaction) => Promise<R>, initial: R, deps: readonly unknown[]): R {
  const client = useContext(WorkspaceContext);
  const [value, setValue] = useState<R>(initial);
  useEffect(() => {
    if (client === null) return;
    return client.subscribe(query, setValue);
    // `query` is rebuilt each render; `deps` names what it actually depends on.
  }, [client, ...deps]);
  return value;
}

const EMPTY: readonly never[] = [];

/** Every row of one kind, in key (id, i.e. creation) order. */
export function useEntities<K extends EntityKind>(kind: K): readonly EntityMap[K][] {
  return useQuery<readonly EntityMap[K][]>(
    async (tx) => (await tx.scan({ prefix: KEY_PREFIX[kind] }).values().toArray()) as unknown as EntityMap[K][],
    EMPTY,
    [kind],
  );
}

export function useEntity<K extends EntityKind>(kind: K, id: string | null): EntityMap[K] | undefined {
  return useQuery(
    async (tx) => (id === null ? undefined : ((await tx.get(KEY_PREFIX[kind] + id)) as unknown as EntityMap[K] | undefined)),
    undefined,
    [kind, id],
  );
}

export function useUsers(): readonly UserSummary[] {
  return useQuery<readonly UserSummary[]>(
    async (tx) => (await tx.scan({ prefix: KEY_PREFIX.user }).values().toArray()) as unknown as UserSummary[],
    EMPTY,
    [],
  );
}

const ME_CACHE_PREFIX = 'focus.me.';

function cachedMe(userId: string | undefined): Me | null {
  if (userId === undefined) return null;
  try {
    const raw = localStorage.getItem(ME_CACHE_PREFIX + userId);
    return raw === null ? null : (JSON.parse(raw) as Me);
  } catch {
    return null;
  }
}

/**
 * Who this replica belongs to, with modules and permissions; null until the first pull. The
 * last value seen is kept in localStorage so the shell and its menus draw at once on a cold
 * start, before the replica has opened; the replica's value replaces it as soon as it is read.
 */
export function useMe(): Me | null {
  const userId = session.get()?.userId;
  const me = useQuery(async (tx) => ((await tx.get(META_ME_KEY)) as unknown as Me | undefined) ?? null, cachedMe(userId), []);
  useEffect(() => {
    if (me === null || userId === undefined || me.userId !== userId) return;
    try {
      localStorage.setItem(ME_CACHE_PREFIX + userId, JSON.stringify(me));
    } catch {
      // Storage full: the next cold start waits for the replica instead.
    }
  }, [me, userId]);
  return me !== null && me.userId === userId ? me : null;
}

export function useCan(permission: string): boolean {
  const me = useMe();
  return me?.permissions.includes(permission) ?? false;
}

export function useComments(taskId: string): readonly Comment[] {
  return useQuery<readonly Comment[]>(
    async (tx) => {
      const all = (await tx.scan({ prefix: KEY_PREFIX.comment }).values().toArray()) as unknown as Comment[];
      // Limitation: comments are filtered by a full prefix scan; fine for thousands, and the
      // sync engine has no secondary index by task yet.
      return all.filter((c) => c.taskId === taskId).sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
    },
    EMPTY,
    [taskId],
  );
}

export interface KeyedRejection extends Rejection {
  readonly key: string;
}

const DISMISSED_KEY = 'focus.dismissedRejections';
const dismissed = createStore<ReadonlySet<string>>(readDismissed());

function readDismissed(): ReadonlySet<string> {
  try {
    return new Set(JSON.parse(localStorage.getItem(DISMISSED_KEY) ?? '[]') as string[]);
  } catch {
    return new Set();
  }
}

/**
 * Hides a rejection on this device once the user has read it. The key stays in the replica:
 * it is the server's record of what happened, and devices may not delete it.
 */
export function dismissRejection(key: string): void {
  const next = new Set([...dismissed.get(), key]);
  dismissed.set(next);
  try {
    localStorage.setItem(DISMISSED_KEY, JSON.stringify([...next].slice(-200)));
  } catch {
    // Storage full: it stays hidden until the next reload.
  }
}

/** Rejections of this device's changes that the user has not dismissed yet. */
export function useRejections(): readonly KeyedRejection[] {
  const hidden = useStore(dismissed);
  const all = useAllRejections();
  return useMemo(() => all.filter((r) => !hidden.has(r.key)), [all, hidden]);
}

function useAllRejections(): readonly KeyedRejection[] {
  return useQuery<readonly KeyedRejection[]>(
    async (tx) => {
      const out: KeyedRejection[] = [];
      for await (const [key, value] of tx.scan({ prefix: KEY_PREFIX.rejection }).entries()) {
        out.push({ ...(value as unknown as Rejection), key });
      }
      return out;
    },
    EMPTY,
    [],
  );
}

export function useMutate(): <N extends MutatorName>(name: N, args: MutatorArgs<N>) => Promise<void> {
  const client = useWorkspace();
  return useCallback((name, args) => client.mutate(name, args), [client]);
}

const OFFLINE: SyncStatus = { online: false, syncing: false, pending: 0, versionNotSupported: false };
const noStore = { get: () => OFFLINE, set: () => undefined, subscribe: () => () => undefined };

export function useSyncStatus(): SyncStatus {
  const client = useContext(WorkspaceContext);
  return useStore(client?.status ?? noStore);
}
