import type { ReadTransaction } from 'replicache';

import type { MutatorArgs, MutatorName } from '../../../mutators';
import type { Store } from '../lib/store';

/** What the sync indicator shows. */
export interface SyncStatus {
  readonly online: boolean;
  readonly syncing: boolean;
  /** Local changes the server has not confirmed yet. */
  readonly pending: number;
  /** The server no longer speaks this app version's schema: the user must reload. */
  readonly versionNotSupported: boolean;
}

/**
 * The screens' view of the sync engine: live queries over the local replica, mutations by
 * name, and the connection status. `data/workspace.tsx` builds it from the client/sync module;
 * screens never touch Replicache directly, so they stay the same if the engine changes.
 */
export interface WorkspaceClient {
  subscribe<R>(query: (tx: ReadTransaction) => Promise<R>, onData: (result: R) => void): () => void;
  mutate<N extends MutatorName>(name: N, args: MutatorArgs<N>): Promise<void>;
  readonly status: Store<SyncStatus>;
}
