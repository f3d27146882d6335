import type { PoolConnection, ResultSetHeader, RowDataPacket } from 'mysql2/promise';

import type { EntityKind } from '../../shared/domain';
import type { EntityMap, MutatorTx } from '../../mutators';
import { fromRow, selectList, TABLES, toRow, tombstoneAssignments } from './tables';

/**
 * The server side of MutatorTx: reads and writes one tenant database inside the caller's
 * transaction. Every write stamps the row with this transaction's change version (S-13);
 * deletes leave a tombstone so pulls can tell every device.
 */
export class DbMutatorTx implements MutatorTx {
  constructor(
    private readonly conn: PoolConnection,
    private readonly version: number,
    private readonly dataKey: Buffer,
  ) {}

  async get<K extends EntityKind>(kind: K, id: string): Promise<EntityMap[K] | undefined> {
    const spec = TABLES[kind];
    const [rows] = await this.conn.query<RowDataPacket[]>(
      `SELECT ${selectList(spec)} FROM \`${spec.table}\` WHERE id = ? AND deleted = 0`,
      [id],
    );
    const row = rows[0];
    return row === undefined ? undefined : fromRow<K>(spec, row, this.dataKey);
  }

  async put<K extends EntityKind>(kind: K, value: EntityMap[K]): Promise<void> {
    const spec = TABLES[kind];
    const { columns, values } = toRow(spec, value, this.dataKey);
    const names = [...columns, 'version', 'deleted'];
    const updates = names.filter((n) => n !== 'id' && n !== 'created_at').map((n) => `\`${n}\` = VALUES(\`${n}\`)`);
    await this.conn.query(
      `INSERT INTO \`${spec.table}\` (${names.map((n) => `\`${n}\``).join(', ')}) VALUES (?) ` +
        `ON DUPLICATE KEY UPDATE ${updates.join(', ')}`,
      [[...values, this.version, 0]],
    );
  }

  async del(kind: EntityKind, id: string): Promise<void> {
    const spec = TABLES[kind];
    await this.conn.query<ResultSetHeader>(
      `UPDATE \`${spec.table}\` SET deleted = 1, version = ?${tombstoneAssignments(spec)} WHERE id = ? AND deleted = 0`,
      [this.version, id],
    );
  }
}
