import { useCallback, useEffect, useState } from 'react';

import type { Reply } from './draft-posting';

export type Remote<T> =
  | { readonly state: 'loading' }
  | { readonly state: 'error'; readonly message: string; readonly offline: boolean }
  | { readonly state: 'ready'; readonly value: T };

/**
 * A server read that re-runs when `deps` change, with a `reload`. Reports need the server
 * (the books are not replicated to devices), so offline they say so instead of showing stale
 * figures as if current.
 */
export function useRemote<T>(
  load: () => Promise<Reply<T>>,
  deps: readonly unknown[],
): [Remote<T>, () => void] {
  const [result, setResult] = useState<Remote<T>>({ state: 'loading' });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let live = true;
    setResult({ state: 'loading' });
    void load().then((reply) => {
      if (!live) return;
      setResult(
        reply.ok
          ? { state: 'ready', value: reply.value }
          : { state: 'error', message: reply.message, offline: reply.offline },
      );
    });
    return () => {
      live = false;
    };
    // `load` is rebuilt each render; `deps` names what it reads.
  }, [...deps, round]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  return [result, reload];
}

/** What a report shows while loading or after a failed read; null once it has data. */
export function remoteNotice<T>(r: Remote<T>): string | null {
  if (r.state === 'loading') return 'Loading…';
  if (r.state === 'error') {
    return r.offline ? 'Reports need a connection; you are offline.' : r.message;
  }
  return null;
}
