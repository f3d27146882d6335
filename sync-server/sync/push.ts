import type { PoolConnection, RowDataPacket } from 'mysql2/promise';

import { type AppError, appError, ErrorCode, isAppError } from '../../shared/errors';
import { findMutator, SUPPORTED_SCHEMA_VERSIONS } from '../../mutators';
import type { SyncContext } from './context';
import { DbMutatorTx } from './db-tx';
import type { PushMutation, PushRequest, VersionNotSupported } from './protocol';
import { inTransaction, isDataError, nextVersion, withConnection } from './transaction';

export interface PushOutcome {
  /** Mutations that changed what some replica shows (applied or rejected); poke if > 0. */
  readonly committed: number;
  readonly response: VersionNotSupported | Record<string, never>;
}

type Step = 'skipped' | 'applied' | 'rejected' | 'future';

/**
 * Process a push (S-3 to S-8). Each mutation runs in its own transaction, in order; a rejected
 * mutation is recorded and the queue moves on; an infrastructure error propagates (HTTP 500)
 * after the mutations before it have committed, and the client pushes the rest again.
 */
export async function processPush(ctx: SyncContext, req: PushRequest): Promise<PushOutcome> {
  if (req.pushVersion !== 1) return { committed: 0, response: { error: 'VersionNotSupported', versionType: 'push' } };
  if (!SUPPORTED_SCHEMA_VERSIONS.includes(req.schemaVersion)) {
    return { committed: 0, response: { error: 'VersionNotSupported', versionType: 'schema' } };
  }
  const pool = ctx.conn.pool;
  const known = await withConnection(pool, async (conn) => {
    await claimClientGroup(conn, req.clientGroupID, ctx.principal.userId);
    // Replicache re-sends every unconfirmed mutation on each push, so most of a push is often
    // already processed. lastMutationID only grows, so skipping by this unlocked read is safe
    // and saves a transaction (and its commit) per re-sent mutation; S-3 is still decided
    // under the lock for the rest.
    return lastMutationIDs(conn, req.clientGroupID);
  });
  let committed = 0;
  for (const m of req.mutations) {
    if (m.id <= (known.get(m.clientID) ?? 0)) continue;
    const step = await serialised(pool, () => withConnection(pool, (conn) => processMutation(ctx, conn, req.clientGroupID, m)));
    if (step === 'applied' || step === 'rejected') {
      committed++;
      known.set(m.clientID, m.id);
    }
    if (step === 'future') {
      // A gap means this server lost state the client still has; the next pull answers
      // ClientStateNotFound or the client pushes the missing ones again.
      ctx.log.warn({ clientID: m.clientID, mutationID: m.id }, 'mutation from the future; stopping this push');
      break;
    }
  }
  return { committed, response: {} };
}

/**
 * Mutations of one tenant run one at a time on this node. The database serialises them anyway
 * (the change counter's lock, S-13); queueing here instead of in lock waits keeps the tenant's
 * small connection pool free for pulls and session look-ups while a long push is processed.
 */
const queues = new WeakMap<object, Promise<unknown>>();

async function serialised<T>(key: object, fn: () => Promise<T>): Promise<T> {
  const before = queues.get(key) ?? Promise.resolve();
  const run = before.then(fn, fn);
  queues.set(key, run.catch(() => undefined));
  return run;
}

async function lastMutationIDs(conn: PoolConnection, groupID: string): Promise<Map<string, number>> {
  const [rows] = await conn.query<RowDataPacket[]>(
    'SELECT id, last_mutation_id FROM replicache_client WHERE client_group_id = ?',
    [groupID],
  );
  return new Map(rows.map((r) => [String(r.id), Number(r.last_mutation_id)]));
}

/** Create the group for this user, or refuse if another user already owns it (S-8). */
export async function claimClientGroup(conn: PoolConnection, groupID: string, userID: string): Promise<void> {
  await conn.query('INSERT IGNORE INTO replicache_client_group (id, user_id) VALUES (?, ?)', [groupID, userID]);
  const [rows] = await conn.query<RowDataPacket[]>('SELECT user_id FROM replicache_client_group WHERE id = ?', [groupID]);
  if (rows[0]?.user_id !== userID) throw appError(ErrorCode.Forbidden, 'This client group belongs to another user');
}

/** Thrown inside the mutation's transaction so its partial writes roll back (S-5). */
class Rejected extends Error {
  constructor(readonly why: AppError) {
    super(why.message);
  }
}

async function processMutation(ctx: SyncContext, conn: PoolConnection, groupID: string, m: PushMutation): Promise<Step> {
  try {
    return await inTransaction(conn, async (): Promise<Step> => {
      const version = await nextVersion(conn);
      const expected = (await lockClient(conn, groupID, m.clientID, ctx.principal.userId)) + 1;
      if (m.id < expected) return 'skipped';
      if (m.id > expected) return 'future';

      const refused = await runMutator(ctx, conn, version, m);
      if (refused !== null) throw new Rejected(refused);

      await setLastMutationID(conn, groupID, m.clientID, m.id, version);
      return 'applied';
    });
  } catch (e) {
    if (!(e instanceof Rejected)) throw e;
    return recordRejection(ctx, conn, groupID, m, e.why);
  }
}

/** Lock the client group and client rows for this transaction; returns the last mutation id. */
async function lockClient(conn: PoolConnection, groupID: string, clientID: string, userID: string): Promise<number> {
  const [rows] = await conn.query<RowDataPacket[]>(
    `SELECT g.user_id, c.client_group_id, c.last_mutation_id
       FROM replicache_client_group g LEFT JOIN replicache_client c ON c.id = ?
      WHERE g.id = ? FOR UPDATE`,
    [clientID, groupID],
  );
  const row = rows[0];
  if (row === undefined || row.user_id !== userID) throw appError(ErrorCode.Forbidden, 'This client group belongs to another user');
  if (row.client_group_id !== null && row.client_group_id !== groupID) {
    throw appError(ErrorCode.Forbidden, 'This client belongs to another client group');
  }
  return row.last_mutation_id === null ? 0 : Number(row.last_mutation_id);
}

async function setLastMutationID(conn: PoolConnection, groupID: string, clientID: string, id: number, version: number): Promise<void> {
  await conn.query(
    `INSERT INTO replicache_client (id, client_group_id, last_mutation_id, version) VALUES (?, ?, ?, ?)
     ON DUPLICATE KEY UPDATE last_mutation_id = VALUES(last_mutation_id), version = VALUES(version)`,
    [clientID, groupID, id, version],
  );
}

/**
 * The mutator's steps in their security order (S-9): parse, permission, server checks, writes.
 * Returns the rejection, or null when applied. Anything not an AppError or a data error is an
 * infrastructure failure and propagates.
 */
async function runMutator(ctx: SyncContext, conn: PoolConnection, version: number, m: PushMutation): Promise<AppError | null> {
  const def = findMutator(m.name);
  if (def === undefined) return appError(ErrorCode.Validation, `Unknown mutation ${m.name}`);
  const parsed = def.args.safeParse(m.args);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return appError(ErrorCode.Validation, `Invalid ${m.name}: ${first?.path.join('.') ?? ''} ${first?.message ?? ''}`.trim());
  }
  if (!ctx.principal.permissions.has(def.permission)) {
    return appError(ErrorCode.Forbidden, `You need the ${def.permission} permission`, { permission: def.permission });
  }
  const tx = new DbMutatorTx(conn, version, ctx.conn.dataKey);
  const mctx = { userID: ctx.principal.userId, now: ctx.now().toISOString(), location: 'server' as const };
  try {
    const refused = def.server === undefined ? null : await def.server(tx, parsed.data, mctx);
    if (refused !== null) return refused;
    await def.apply(tx, parsed.data, mctx);
    return null;
  } catch (e) {
    if (isAppError(e)) return e;
    if (isDataError(e)) return appError(ErrorCode.Validation, `Invalid ${m.name}: a value does not fit`);
    throw e;
  }
}

async function recordRejection(ctx: SyncContext, conn: PoolConnection, groupID: string, m: PushMutation, why: AppError): Promise<Step> {
  return inTransaction(conn, async () => {
    const version = await nextVersion(conn);
    const expected = (await lockClient(conn, groupID, m.clientID, ctx.principal.userId)) + 1;
    if (m.id !== expected) return m.id < expected ? 'skipped' : 'future';
    await conn.query(
      `INSERT INTO sync_rejection (client_id, mutation_id, client_group_id, name, code, message, version, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      [m.clientID, m.id, groupID, m.name.slice(0, 80), why.code, why.message.slice(0, 500), version, ctx.now()],
    );
    await setLastMutationID(conn, groupID, m.clientID, m.id, version);
    ctx.log[why.level]({ clientGroupID: groupID, clientID: m.clientID, mutationID: m.id, mutation: m.name, code: why.code }, 'mutation rejected');
    return 'rejected';
  });
}
