import { createContext, createElement, type ReactNode, useContext, useEffect, useState, useSyncExternalStore } from 'react';
import type { ReadTransaction } from 'replicache';

import type { EntityKind, Me, Rejection, UserSummary } from '../../shared/domain';
import type { EntityMap } from '../../mutators';
import { getMe, listEntities, listRejections, listUsers } from './queries';
import { readEntity } from './replicache-tx';
import type { SyncClient, SyncState } from './sync-client';

const SyncContext = createContext<SyncClient | null>(null);

export function SyncProvider(props: { readonly client: SyncClient; readonly children?: ReactNode }): ReactNode {
  return createElement(SyncContext.Provider, { value: props.client }, props.children);
}

export function useSyncClient(): SyncClient {
  const client = useContext(SyncContext);
  if (client === null) throw new Error('useSyncClient needs a <SyncProvider>');
  return client;
}

/**
 * Subscribe to a query over the replica; re-renders when its result changes. `deps` are the
 * values the query closes over (like useEffect's).
 */
export function useSubscribe<R>(query: (tx: ReadTransaction) => Promise<R>, initial: R, deps: readonly unknown[] = []): R {
  const client = useSyncClient();
  const [value, setValue] = useState<R>(initial);
  useEffect(() => client.rep.subscribe(query, { onData: (v) => setValue(() => v) }), [client, ...deps]);
  return value;
}

/** Alias of useSubscribe for readers who think in queries. */
export const useQuery = useSubscribe;

export function useSyncState(): SyncState {
  const client = useSyncClient();
  return useSyncExternalStore(client.subscribeState, client.getState, client.getState);
}

export function useMe(): Me | null {
  return useSubscribe(getMe, null);
}

export function useUsers(): UserSummary[] {
  return useSubscribe(listUsers, []);
}

export function useEntities<K extends EntityKind>(kind: K): EntityMap[K][] {
  return useSubscribe((tx) => listEntities(tx, kind), [], [kind]);
}

export function useEntity<K extends EntityKind>(kind: K, id: string | null): EntityMap[K] | null {
  return useSubscribe(async (tx) => (id === null ? null : ((await readEntity(tx, kind, id)) ?? null)), null, [kind, id]);
}

/** Every rejection on this device, oldest first; `onNew` fires for each that arrives now. */
export function useRejections(onNew?: (r: Rejection) => void): Rejection[] {
  const client = useSyncClient();
  useEffect(() => (onNew ? client.onRejection(onNew) : undefined), [client, onNew]);
  return useSubscribe(listRejections, []);
}
