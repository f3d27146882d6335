import { useEffect, useState } from 'react';

import { useStore } from '../lib/store';
import { useSession } from '../session';
import { httpTransport } from './api';
import { postQueued, type PostOutcome } from './draft-posting';
import { draftStoreFor, draftsVersion, type DraftStore } from './draft-store';
import type { InvoiceDraft } from './invoice-draft';

/** The signed-in user's draft store; null while it opens. */
export function useDraftStore(): DraftStore | null {
  const session = useSession();
  const [store, setStore] = useState<DraftStore | null>(null);
  const scope = session?.userId ?? 'signed-out';
  useEffect(() => {
    let live = true;
    void draftStoreFor(scope).then((s) => live && setStore(s));
    return () => {
      live = false;
    };
  }, [scope]);
  return store;
}

/** The company's device drafts, re-read whenever any draft changes. */
export function useCompanyDrafts(companyId: string): readonly InvoiceDraft[] | null {
  const store = useDraftStore();
  const version = useStore(draftsVersion);
  const [drafts, setDrafts] = useState<readonly InvoiceDraft[] | null>(null);
  useEffect(() => {
    if (store === null) return;
    let live = true;
    void store.list(companyId).then((d) => live && setDrafts(d));
    return () => {
      live = false;
    };
  }, [store, companyId, version]);
  return drafts;
}

/**
 * Posts the company's queued drafts now and whenever the browser reports it is back online
 * (rule D-2). `onPosted` hears of each one the server accepted.
 */
export function usePostQueuedWhenOnline(
  companyId: string,
  onPosted: (outcomes: readonly PostOutcome[]) => void,
): void {
  const store = useDraftStore();
  useEffect(() => {
    if (store === null) return;
    const run = () =>
      void postQueued(store, httpTransport, companyId).then((outcomes) => {
        if (outcomes.some((o) => o.kind === 'posted')) onPosted(outcomes);
      });
    run();
    window.addEventListener('online', run);
    return () => window.removeEventListener('online', run);
    // `onPosted` is a notification; re-subscribing for each new closure would re-post.
  }, [store, companyId]);
}
