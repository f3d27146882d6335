import { useCallback, useState } from 'react';

import { storageFull } from './problems';

const PREFIX = 'focus.draft.';

/**
 * Form state that survives a reload, a crash or an expired session: every change is written to
 * localStorage under `key`, and `clear()` removes it once the change is safely in the replica.
 * A full localStorage is tolerated (the draft then lives only in memory). The key is read
 * once: give the form a React `key` to switch it to another record's draft.
 */
export function useDraft<T>(key: string, initial: () => T): [T, (next: T) => void, () => void] {
  const [value, setValue] = useState<T>(() => readDraft<T>(key) ?? initial());

  const update = useCallback((next: T) => {
    setValue(next);
    if (!writeDraft(key, next)) storageFull.set(true);
  }, [key]);

  const clear = useCallback(() => {
    try {
      localStorage.removeItem(PREFIX + key);
    } catch {
      // Storage unavailable: nothing was saved, so nothing to remove.
    }
  }, [key]);

  return [value, update, clear];
}

export function readDraft<T>(key: string): T | null {
  try {
    const raw = localStorage.getItem(PREFIX + key);
    return raw === null ? null : (JSON.parse(raw) as T);
  } catch {
    return null;
  }
}

/** False when the browser refused the write (quota): the caller may warn "storage full". */
export function writeDraft(key: string, value: unknown): boolean {
  try {
    localStorage.setItem(PREFIX + key, JSON.stringify(value));
    return true;
  } catch {
    return false;
  }
}

export function hasDraft(key: string): boolean {
  return readDraft(key) !== null;
}
