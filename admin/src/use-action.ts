import { useState } from 'react';

import { errorText } from './api';

/**
 * An operator action with its progress and outcome in one notice: `label…` while it runs,
 * then `describe(label, result)` or `label: <error>`; `after` runs either way (a reload).
 */
export function useAction<T>(
  describe: (label: string, result: T) => string,
  after: () => void,
): {
  readonly notice: string | null;
  readonly act: (label: string, run: () => Promise<T>) => Promise<void>;
} {
  const [notice, setNotice] = useState<string | null>(null);
  const act = async (label: string, run: () => Promise<T>) => {
    setNotice(`${label}…`);
    try {
      setNotice(describe(label, await run()));
    } catch (e) {
      setNotice(`${label}: ${errorText(e)}`);
    }
    after();
  };
  return { notice, act };
}
