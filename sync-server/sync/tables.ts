import type { EntityKind } from '../../shared/domain';
import type { AnyPermission } from '../../shared/permissions';
import type { EntityMap } from '../../mutators';
import { indexOf, openOptional, sealField, type FieldName } from '../security/fields';

/**
 * How each replica kind maps onto its tenant table. One generic column list per kind keeps the
 * server transaction, the pull and the seed in agreement about names and conversions.
 */
type ColumnType = 'text' | 'int' | 'bigint' | 'date' | 'time' | 'json' | 'sealed';

interface Column {
  readonly field: string;
  readonly column: string;
  readonly type: ColumnType;
  /** For sealed columns: the blind-index column written beside the ciphertext, if any. */
  readonly bidx?: string;
}

export interface TableSpec {
  readonly kind: EntityKind;
  readonly table: string;
  readonly readPermission: AnyPermission;
  readonly columns: readonly Column[];
}

const c = (field: string, column: string, type: ColumnType = 'text', bidx?: string): Column =>
  bidx === undefined ? { field, column, type } : { field, column, type, bidx };
const times = [c('createdAt', 'created_at', 'time'), c('updatedAt', 'updated_at', 'time')];

export const TABLES: Readonly<Record<EntityKind, TableSpec>> = {
  company: {
    kind: 'company', table: 'companies', readPermission: 'companies.read',
    columns: [c('id', 'id'), c('name', 'name'), c('gstin', 'gstin'), c('website', 'website'), c('industry', 'industry'), ...times],
  },
  contact: {
    kind: 'contact', table: 'contacts', readPermission: 'contacts.read',
    columns: [
      c('id', 'id'), c('name', 'name'), c('email', 'email_enc', 'sealed', 'email_bidx'),
      c('phone', 'phone_enc', 'sealed', 'phone_bidx'), c('companyId', 'company_id'), c('title', 'title'),
      c('address', 'address_enc', 'sealed'), c('notes', 'notes'), ...times,
    ],
  },
  deal: {
    kind: 'deal', table: 'deals', readPermission: 'deals.read',
    columns: [
      c('id', 'id'), c('title', 'title'), c('stage', 'stage'), c('valuePaise', 'value_paise', 'bigint'),
      c('currency', 'currency'), c('ownerId', 'owner_id'), c('expectedClose', 'expected_close', 'date'),
      c('probability', 'probability', 'int'), c('lostReason', 'lost_reason'), c('companyId', 'company_id'),
      c('contactId', 'contact_id'), c('position', 'position'), ...times,
    ],
  },
  task: {
    kind: 'task', table: 'tasks', readPermission: 'tasks.read',
    columns: [
      c('id', 'id'), c('title', 'title'), c('status', 'status'), c('assigneeId', 'assignee_id'),
      c('dueDate', 'due_date', 'date'), c('priority', 'priority'), c('dealId', 'deal_id'),
      c('contactId', 'contact_id'), c('createdBy', 'created_by'), c('commentCount', 'comment_count', 'int'), ...times,
    ],
  },
  comment: {
    kind: 'comment', table: 'comments', readPermission: 'comments.read',
    columns: [c('id', 'id'), c('taskId', 'task_id'), c('body', 'body'), c('mentions', 'mentions', 'json'), c('authorId', 'author_id'), ...times],
  },
};

export const KINDS: readonly EntityKind[] = ['company', 'contact', 'deal', 'task', 'comment'];

/** Columns selected for a kind, in spec order (blind indexes are write-only). */
export function selectList(spec: TableSpec): string {
  return spec.columns.map((col) => `\`${col.column}\``).join(', ');
}

/** Column names and values for an insert; sealed fields are encrypted with the tenant data key. */
export function toRow(spec: TableSpec, value: EntityMap[EntityKind], dataKey: Buffer): { columns: string[]; values: unknown[] } {
  const columns: string[] = [];
  const values: unknown[] = [];
  const source = value as unknown as Record<string, unknown>;
  for (const col of spec.columns) {
    const v = source[col.field] ?? null;
    columns.push(col.column);
    if (col.type === 'sealed') {
      const field = `${spec.table}.${col.field}` as FieldName;
      values.push(v === null ? null : sealField(dataKey, field, String(v)));
      if (col.bidx !== undefined) {
        columns.push(col.bidx);
        values.push(v === null ? null : indexOf(dataKey, field, String(v)));
      }
    } else if (col.type === 'json') values.push(JSON.stringify(v ?? []));
    else if (col.type === 'time') values.push(v === null ? null : new Date(String(v)));
    else values.push(v);
  }
  return { columns, values };
}

/** The replica value of a row read with `selectList`. */
export function fromRow<K extends EntityKind>(spec: TableSpec, row: Record<string, unknown>, dataKey: Buffer): EntityMap[K] {
  const out: Record<string, unknown> = {};
  for (const col of spec.columns) {
    const v = row[col.column] ?? null;
    out[col.field] = convert(spec, col, v, dataKey);
  }
  if (spec.kind === 'deal') out.currency = 'INR';
  return out as unknown as EntityMap[K];
}

function convert(spec: TableSpec, col: Column, v: unknown, dataKey: Buffer): unknown {
  if (col.type === 'sealed') return openOptional(dataKey, `${spec.table}.${col.field}` as FieldName, v as string | null);
  if (v === null) return col.type === 'json' ? [] : null;
  switch (col.type) {
    case 'int':
    case 'bigint':
      return Number(v);
    case 'json':
      return JSON.parse(String(v)) as unknown;
    case 'time':
      return (v instanceof Date ? v : new Date(String(v))).toISOString();
    case 'date':
      return v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10);
    default:
      return v;
  }
}

/** Personal columns are blanked in a tombstone: a deleted contact keeps no phone number. */
export function tombstoneAssignments(spec: TableSpec): string {
  const cleared = spec.columns.filter((col) => col.type === 'sealed').flatMap((col) => [col.column, ...(col.bidx ? [col.bidx] : [])]);
  return cleared.map((name) => `, \`${name}\` = NULL`).join('');
}
