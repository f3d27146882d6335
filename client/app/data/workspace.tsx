import { useEffect, useMemo, useState, type ReactNode } from 'react';

import { createSyncClient, type SyncClient } from '../../sync/sync-client';
import { checkStorage } from '../lib/problems';
import { createStore, type Store } from '../lib/store';
import { markSessionExpired, type Session } from '../session';
import { startAttachmentSync } from './attachments-api';
import { CreateJournal } from './journal';
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
function adapt(sync: SyncClient, win: Window, journal: CreateJournal): { client: WorkspaceClient; stop: () => void } {
  const status: Store<SyncStatus> = createStore(read(sync, win));
  const refresh = () => status.set(read(sync, win));
  const unsubscribe = sync.subscribeState(() => {
    refresh();
    const s = sync.getState();
    if (s.sessionExpired) markSessionExpired();
    if (s.pending === 0 && s.online && !s.syncing) {
      // After close the replica refuses queries; the next session prunes instead.
      sync.rep.query((tx) => journal.prune(tx, Date.now())).catch(() => undefined);
    }
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
    mutate: (name, args) => {
      journal.record(name, args, Date.now());
      return (sync.rep.mutate[name] as (a: typeof args) => Promise<void>)(args);
    },
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

/**
 * Creates the last session journaled but the replica never stored (see CreateJournal). Waits
 * for the first pull to finish (or fail, offline) so a create that did reach the server comes
 * back through the pull instead of being sent twice.
 */
async function replayMissing(sync: SyncClient, journal: CreateJournal): Promise<void> {
  await firstSyncSettled(sync, 5_000);
  if (sync.rep.closed) return;
  const missing = await sync.rep.query((tx) => journal.missing(tx));
  for (const e of missing) {
    await (sync.rep.mutate[e.name] as (a: unknown) => Promise<void>)(e.args).catch(() => undefined);
  }
}

function firstSyncSettled(sync: SyncClient, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    let sawSync = sync.getState().syncing;
    const done = () => {
      clearTimeout(timer);
      unsubscribe();
      resolve();
    };
    const timer = setTimeout(done, timeoutMs);
    const unsubscribe = sync.subscribeState(() => {
      const syncing = sync.getState().syncing;
      if (syncing) sawSync = true;
      else if (sawSync) done();
    });
  });
}

/** Opens this user's replica for the lifetime of the signed-in shell. */
export function WorkspaceProvider({ session, children }: { readonly session: Session; readonly children: ReactNode }) {
  const [client, setClient] = useState<WorkspaceClient | null>(null);
  const tenant = useMemo(() => tenantOfHost(window.location.hostname), []);

  useEffect(() => {
    const sync = createSyncClient({ tenant, userID: session.userId });
    const journal = new CreateJournal(`focus.journal.${tenant}.${session.userId}`, window.localStorage);
    const { client: adapted, stop } = adapt(sync, window, journal);
    replayMissing(sync, journal).catch(() => undefined);
    const stopUploads = startAttachmentSync(window);
    void checkStorage(window.navigator);
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
