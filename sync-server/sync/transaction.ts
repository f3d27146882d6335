import type { Pool, PoolConnection } from 'mysql2/promise';

/** MariaDB errors that mean "try the whole transaction again": deadlock, lock wait timeout. */
const RETRYABLE = new Set([1213, 1205]);
const MAX_ATTEMPTS = 5;

export function isRetryable(e: unknown): boolean {
  return typeof e === 'object' && e !== null && 'errno' in e && RETRYABLE.has(Number(e.errno));
}

/**
 * MariaDB errors caused by the data itself (too long, out of range, bad value). Retrying can
 * never succeed, so a mutation that hits one is rejected instead of blocking its queue.
 */
const DATA_ERRORS = new Set([1264, 1265, 1292, 1366, 1406, 1048]);

export function isDataError(e: unknown): boolean {
  return typeof e === 'object' && e !== null && 'errno' in e && DATA_ERRORS.has(Number(e.errno));
}

/**
 * Run `fn` in a transaction on `conn`, retrying deadlocks with jittered backoff. `fn` must be
 * safe to run again from the start: everything it did was rolled back.
 */
export async function inTransaction<T>(conn: PoolConnection, fn: (conn: PoolConnection) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    await conn.query('START TRANSACTION');
    try {
      const out = await fn(conn);
      await conn.query('COMMIT');
      return out;
    } catch (e) {
      await conn.query('ROLLBACK').catch(() => undefined);
      if (!isRetryable(e) || attempt >= MAX_ATTEMPTS) throw e;
      await new Promise((r) => setTimeout(r, Math.random() * 20 * attempt));
    }
  }
}

export async function withConnection<T>(pool: Pool, fn: (conn: PoolConnection) => Promise<T>): Promise<T> {
  const conn = await pool.getConnection();
  try {
    return await fn(conn);
  } finally {
    conn.release();
  }
}

/**
 * Bump the tenant's change counter and return the new version. The row lock taken here is held
 * until commit, so mutation transactions of one tenant commit in version order (S-13).
 */
export async function nextVersion(conn: PoolConnection): Promise<number> {
  const [res] = await conn.query(
    'INSERT INTO sync_state (id, version) VALUES (1, 1) ON DUPLICATE KEY UPDATE version = LAST_INSERT_ID(version + 1)',
  );
  const insertId = Number((res as { insertId?: number }).insertId ?? 0);
  return insertId === 0 ? 1 : insertId;
}
