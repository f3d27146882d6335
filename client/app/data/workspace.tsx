import { useEffect, useMemo, useState, type ReactNode } from 'react';

import { createSyncClient, type SyncClient } from '../../sync/sync-client';
import { createStore, type Store } from '../lib/store';
import { markSessionExpired, type Session } from '../session';
import { startAttachmentSync } from './attachments-api';
import type { SyncStatus, WorkspaceClient } from './client';
import { WorkspaceContext } from './index';

/** The tenant is the first label of the host: `acme.focusapp.in` -> `acme`. */
function tenantOfHost(hostname: string): string {
  return hostname.split('.')[0] ?? '';
}

/**
 * Adapts the sync engine to what screens use. Online is the engine's view (last request got
 * through) and the browser's (`navigator.onLine`), so cutting the network shows "Offline" at
 * once rather than at the next failed pull. Coming back online pushes and pulls right away
 * instead of waiting for the engine's back-off.
 */
function adapt(sync: SyncClient, win: Window): { client: WorkspaceClient; stop: () => void } {
  const status: Store<SyncStatus> = createStore(read(sync, win));
  const refresh = () => status.set(read(sync, win));
  const unsubscribe = sync.subscribeState(() => {
    refresh();
    if (sync.getState().sessionExpired) markSessionExpired();
  });
  const online = () => {
    refresh();
    void sync.rep.push({ now: true }).catch(() => undefined);
    void sync.rep.pull({ now: true }).catch(() => undefined);
  };
  win.addEventListener('online', online);
  win.addEventListener('offline', refresh);

  const client: WorkspaceClient = {
    subscribe: (query, onData) => sync.rep.subscribe(query, { onData }),
    mutate: (name, args) => (sync.rep.mutate[name] as (a: typeof args) => Promise<void>)(args),
    status,
  };
  return {
    client,
    stop: () => {
      unsubscribe();
      win.removeEventListener('online', online);
      win.removeEventListener('offline', refresh);
    },
  };
}

function read(sync: SyncClient, win: Window): SyncStatus {
  const s = sync.getState();
  return { online: s.online && win.navigator.onLine, syncing: s.syncing, pending: s.pending, versionNotSupported: s.versionNotSupported };
}

/** Opens this user's replica for the lifetime of the signed-in shell. */
export function WorkspaceProvider({ session, children }: { readonly session: Session; readonly children: ReactNode }) {
  const [client, setClient] = useState<WorkspaceClient | null>(null);
  const tenant = useMemo(() => tenantOfHost(window.location.hostname), []);

  useEffect(() => {
    const sync = createSyncClient({ tenant, userID: session.userId });
    const { client: adapted, stop } = adapt(sync, window);
    const stopUploads = startAttachmentSync(window);
    setClient(adapted);
    return () => {
      stop();
      stopUploads();
      setClient(null);
      void sync.close();
    };
  }, [tenant, session.userId]);

  if (client === null) return null;
  return <WorkspaceContext value={client}>{children}</WorkspaceContext>;
}
