import { createHash } from 'node:crypto';

import type { PoolConnection, RowDataPacket } from 'mysql2/promise';

import { entityKey, type EntityKind, type Me, META_ME_KEY, type Rejection } from '../../shared/domain';
import { appError, ErrorCode } from '../../shared/errors';
import { type AnyPermission, MODULES, PERMISSIONS_BY_MODULE } from '../../shared/permissions';
import { SUPPORTED_SCHEMA_VERSIONS } from '../../mutators';
import type { SyncContext } from './context';
import { type Cursor, type CvrState, EMPTY_CVR, freshCursor, parseCvr } from './cvr';
import {
  type ClientStateNotFound,
  cookieOrder,
  type PatchOperation,
  type PullRequest,
  type PullResponse,
  type VersionNotSupported,
} from './protocol';
import { fromRow, KINDS, selectList, TABLES } from './tables';
import { inTransaction, withConnection } from './transaction';

/** Rows per pull response; a first sync of a large tenant takes several pulls (S-11). */
export const PULL_PAGE_ROWS = 2_000;
/** Client view records kept per group; an older cookie gets a full resync (S-13). */
const CVRS_KEPT = 8;

export interface PullOptions {
  readonly pageRows?: number;
}

type PullResult = PullResponse | VersionNotSupported | ClientStateNotFound;

/**
 * Answer a pull with the difference between what the group was last sent (the CVR named by
 * its cookie) and what its user may see now (S-10 to S-14). Runs in one REPEATABLE READ
 * transaction holding the client group row, so two pulls of a group never interleave.
 */
export async function processPull(ctx: SyncContext, req: PullRequest, opts: PullOptions = {}): Promise<PullResult> {
  if (req.pullVersion !== 1) return { error: 'VersionNotSupported', versionType: 'pull' };
  if (!SUPPORTED_SCHEMA_VERSIONS.includes(req.schemaVersion)) return { error: 'VersionNotSupported', versionType: 'schema' };
  const order = cookieOrder(req.cookie);
  return withConnection(ctx.conn.pool, (conn) =>
    inTransaction(conn, async (): Promise<PullResult> => {
      const group = await lockGroup(conn, req.clientGroupID, ctx.principal.userId, order);
      if (group === 'not-found') return { error: 'ClientStateNotFound' };

      const prev = order === null ? null : await loadCvr(conn, req.clientGroupID, order);
      const patch: PatchOperation[] = [];
      // A cookie whose record was pruned (or never existed here): start the replica over.
      if (order !== null && prev === null) patch.push({ op: 'clear' });
      const base = prev ?? EMPTY_CVR;
      const now = await currentVersion(conn);

      const rows = await diffRows(ctx, conn, base, now, opts.pageRows ?? PULL_PAGE_ROWS, patch);
      const clients = await clientChanges(conn, req.clientGroupID, base.clients);
      const rejections = await rejectionsSince(conn, req.clientGroupID, base.rejections, patch);
      const me = meValue(ctx);
      const meHash = hash(me);
      if (meHash !== base.me) patch.push({ op: 'put', key: META_ME_KEY, value: me });
      const usersHash = await putUsersIfChanged(conn, base.users, patch);

      if (prev !== null && patch.length === 0 && Object.keys(clients).length === 0 && !rows.more) {
        return { cookie: order ?? 0, lastMutationIDChanges: {}, patch: [] };
      }
      const next: CvrState = { kinds: rows.kinds, clients: now, rejections: Math.max(rejections, base.rejections), me: meHash, users: usersHash };
      const cookie = Math.max(group.cvrVersion, order ?? 0) + 1;
      await saveCvr(conn, req.clientGroupID, cookie, next, ctx.now());
      return { cookie, lastMutationIDChanges: clients, patch, ...(rows.more ? { more: true } : {}) };
    }),
  );
}

async function lockGroup(conn: PoolConnection, groupID: string, userID: string, order: number | null): Promise<{ cvrVersion: number } | 'not-found'> {
  const [rows] = await conn.query<RowDataPacket[]>(
    'SELECT user_id, cvr_version FROM replicache_client_group WHERE id = ? FOR UPDATE',
    [groupID],
  );
  const row = rows[0];
  if (row === undefined) {
    // A cookie for a group this server never saw: the device must start over (protocol).
    if (order !== null) return 'not-found';
    await conn.query('INSERT INTO replicache_client_group (id, user_id) VALUES (?, ?)', [groupID, userID]);
    return { cvrVersion: 0 };
  }
  if (row.user_id !== userID) throw appError(ErrorCode.Forbidden, 'This client group belongs to another user');
  return { cvrVersion: Number(row.cvr_version) };
}

async function loadCvr(conn: PoolConnection, groupID: string, order: number): Promise<CvrState | null> {
  const [rows] = await conn.query<RowDataPacket[]>(
    'SELECT state FROM replicache_cvr WHERE client_group_id = ? AND cvr_version = ?',
    [groupID, order],
  );
  return rows[0] === undefined ? null : parseCvr(String(rows[0].state));
}

async function saveCvr(conn: PoolConnection, groupID: string, cookie: number, state: CvrState, now: Date): Promise<void> {
  await conn.query(
    'INSERT INTO replicache_cvr (client_group_id, cvr_version, state, created_at) VALUES (?, ?, ?, ?)',
    [groupID, cookie, JSON.stringify(state), now],
  );
  await conn.query('UPDATE replicache_client_group SET cvr_version = ?, last_pull_at = ? WHERE id = ?', [cookie, now, groupID]);
  await conn.query('DELETE FROM replicache_cvr WHERE client_group_id = ? AND cvr_version <= ?', [groupID, cookie - CVRS_KEPT]);
}

/** The tenant's change counter as this transaction's snapshot sees it. */
async function currentVersion(conn: PoolConnection): Promise<number> {
  const [rows] = await conn.query<RowDataPacket[]>('SELECT version FROM sync_state WHERE id = 1');
  return rows[0] === undefined ? 0 : Number(rows[0].version);
}

/**
 * Entity rows past each readable kind's cursor, up to `page` in total, appended to `patch`;
 * kinds the user lost are deleted from the replica (S-14).
 */
async function diffRows(
  ctx: SyncContext,
  conn: PoolConnection,
  base: CvrState,
  now: number,
  page: number,
  patch: PatchOperation[],
): Promise<{ kinds: CvrState['kinds']; more: boolean }> {
  const readable = KINDS.filter((k) => ctx.principal.permissions.has(TABLES[k].readPermission));
  for (const kind of KINDS) {
    if (base.kinds[kind] !== undefined && !readable.includes(kind)) await deleteKind(conn, kind, patch);
  }
  const kinds: CvrState['kinds'] = {};
  let budget = page;
  let more = false;
  for (const kind of readable) {
    const cur = base.kinds[kind] ?? freshCursor(now);
    if (budget === 0) {
      kinds[kind] = cur;
      more = more || cur.v < now || cur.id !== null;
      continue;
    }
    const rows = await rowsAfter(conn, kind, cur, now, budget + 1);
    const full = rows.length > budget;
    const sent = full ? rows.slice(0, budget) : rows;
    for (const row of sent) patch.push(rowOp(ctx, kind, row));
    const last = sent.at(-1);
    kinds[kind] = full && last !== undefined
      ? { v: Number(last.version), id: String(last.id), tombstonesAfter: cur.tombstonesAfter }
      : { v: now, id: null, tombstonesAfter: cur.tombstonesAfter };
    budget -= sent.length;
    more = more || full;
  }
  return { kinds, more };
}

async function rowsAfter(conn: PoolConnection, kind: EntityKind, cur: Cursor, now: number, limit: number): Promise<RowDataPacket[]> {
  const spec = TABLES[kind];
  // `version >= ?` leads so the (version, id) index gives a range scan that starts at the cursor.
  const after = cur.id === null ? 'version > ?' : 'version >= ? AND (version > ? OR id > ?)';
  const params: unknown[] = cur.id === null ? [cur.v] : [cur.v, cur.v, cur.id];
  const [rows] = await conn.query<RowDataPacket[]>(
    `SELECT ${selectList(spec)}, version, deleted FROM \`${spec.table}\`
      WHERE ${after} AND version <= ? AND (deleted = 0 OR version > ?)
      ORDER BY version, id LIMIT ?`,
    [...params, now, cur.tombstonesAfter, limit],
  );
  return rows;
}

function rowOp(ctx: SyncContext, kind: EntityKind, row: RowDataPacket): PatchOperation {
  const key = entityKey(kind, String(row.id));
  if (Number(row.deleted) === 1) return { op: 'del', key };
  return { op: 'put', key, value: fromRow(TABLES[kind], row, ctx.conn.dataKey) };
}

/**
 * Limitation: removing a kind the user lost reads every live id of that table (a scan of one
 * index). It happens once per device per permission change, never on ordinary pulls.
 */
async function deleteKind(conn: PoolConnection, kind: EntityKind, patch: PatchOperation[]): Promise<void> {
  const [rows] = await conn.query<RowDataPacket[]>(`SELECT id FROM \`${TABLES[kind].table}\` WHERE deleted = 0`);
  for (const row of rows) patch.push({ op: 'del', key: entityKey(kind, String(row.id)) });
}

async function clientChanges(conn: PoolConnection, groupID: string, since: number): Promise<Record<string, number>> {
  const [rows] = await conn.query<RowDataPacket[]>(
    'SELECT id, last_mutation_id FROM replicache_client WHERE client_group_id = ? AND version > ?',
    [groupID, since],
  );
  return Object.fromEntries(rows.map((r) => [String(r.id), Number(r.last_mutation_id)]));
}

/** Rejections of this group newer than `since`, as `rejection/` puts; returns the newest version. */
async function rejectionsSince(conn: PoolConnection, groupID: string, since: number, patch: PatchOperation[]): Promise<number> {
  const [rows] = await conn.query<RowDataPacket[]>(
    `SELECT client_id, mutation_id, name, code, message, version, created_at FROM sync_rejection
      WHERE client_group_id = ? AND version > ? ORDER BY version`,
    [groupID, since],
  );
  let newest = since;
  for (const r of rows) {
    const value: Rejection = {
      clientID: String(r.client_id),
      mutationID: Number(r.mutation_id),
      name: String(r.name),
      code: String(r.code),
      message: String(r.message),
      at: new Date(r.created_at as Date).toISOString(),
    };
    patch.push({ op: 'put', key: `rejection/${value.clientID}/${value.mutationID}`, value });
    newest = Math.max(newest, Number(r.version));
  }
  return newest;
}

function meValue(ctx: SyncContext): Me {
  const perms = ctx.principal.permissions;
  return {
    userId: ctx.principal.userId,
    name: ctx.principal.name,
    email: ctx.principal.email,
    tenant: ctx.slug,
    permissions: [...perms].sort(),
    modules: MODULES.filter((m) => (PERMISSIONS_BY_MODULE[m] as readonly AnyPermission[]).some((p) => perms.has(p))),
  };
}

/**
 * Colleagues for pickers and mentions. Limitation: the users table has no row version, so each
 * pull reads it whole (bounded by the plan's user limit) and resends it only when its hash moves.
 */
async function putUsersIfChanged(conn: PoolConnection, previous: string, patch: PatchOperation[]): Promise<string> {
  const [rows] = await conn.query<RowDataPacket[]>('SELECT id, name, active FROM users ORDER BY id');
  const users = rows.map((r) => ({ id: String(r.id), name: String(r.name), active: Boolean(Number(r.active)) }));
  const h = hash(users);
  if (h !== previous) for (const u of users) patch.push({ op: 'put', key: entityKey('user', u.id), value: u });
  return h;
}

function hash(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('base64url');
}
