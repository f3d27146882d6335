import { useCallback, useEffect, useRef, useState } from 'react';

import { errorText } from './api';

/**
 * Load data on mount, whenever `deps` change, and on `reload()`; keeps the last good value
 * while reloading. The latest `load` is read through a ref, so callers may pass a new closure
 * on every render.
 */
export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const loader = useRef(load);
  loader.current = load;
  const key = JSON.stringify(deps);

  useEffect(() => {
    let live = true;
    loader.current().then(
      (v) => {
        if (!live) return;
        setData(v);
        setError(null);
      },
      (e: unknown) => {
        if (live) setError(errorText(e));
      },
    );
    return () => {
      live = false;
    };
  }, [key, tick]);

  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data, error, reload };
}
