/** The client sync module (docs/sync.md). Browser-safe; Node helpers are in ./node. */
export { createSyncClient, SyncClient, type SyncClientOptions, type SyncState } from './sync-client';
export { clientMutators, type ClientMutators } from './mutators';
export { can, getMe, listComments, listEntities, listRejections, listUsers } from './queries';
export { readEntity } from './replicache-tx';
export type { OpenSocket, SocketLike } from './poke-socket';
export {
  SyncProvider,
  useEntities,
  useEntity,
  useMe,
  useQuery,
  useRejections,
  useSubscribe,
  useSyncClient,
  useSyncState,
  useUsers,
} from './react';
