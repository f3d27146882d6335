import type { TenantDb } from '../db/connect';

/** A tenant database handle or an open transaction on it. */
export type Tx = Parameters<Parameters<TenantDb['transaction']>[0]>[0];
export type Db = TenantDb | Tx;

function sqlErrorCode(e: unknown): string | null {
  // drizzle wraps driver errors; the mysql2 error is the cause.
  for (let cur: unknown = e; cur instanceof Error; cur = cur.cause) {
    const code = (cur as Error & { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return null;
}

export function isDuplicateKey(e: unknown): boolean {
  return sqlErrorCode(e) === 'ER_DUP_ENTRY';
}

function isRetryable(e: unknown): boolean {
  const code = sqlErrorCode(e);
  return code === 'ER_LOCK_DEADLOCK' || code === 'ER_LOCK_WAIT_TIMEOUT';
}

/**
 * Runs a transaction, retrying when InnoDB picks it as a deadlock victim. Postings lock the
 * document, then the financial year (shared), then the number series, always in that order,
 * so deadlocks are rare; retrying makes the rare one invisible to the caller.
 */
export async function withRetry<T>(run: () => Promise<T>, attempts = 5): Promise<T> {
  for (let i = 1; ; i += 1) {
    try {
      return await run();
    } catch (e) {
      if (i >= attempts || !isRetryable(e)) throw e;
    }
  }
}
