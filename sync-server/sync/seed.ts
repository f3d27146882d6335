import type { PoolConnection, RowDataPacket } from 'mysql2/promise';

import { DEAL_STAGES, type EntityKind, positionBetween, TASK_PRIORITIES, TASK_STATUSES } from '../../shared/domain';
import { newID } from '../../shared/ids';
import type { EntityMap } from '../../mutators';
import type { Platform } from '../platform/platform';
import type { TenantConnection } from '../tenancy/pools';
import { TABLES, toRow } from './tables';
import { inTransaction, nextVersion, withConnection } from './transaction';

export interface SeedOptions {
  readonly companies?: number;
  readonly contactsPerCompany?: number;
  readonly deals?: number;
  readonly tasks?: number;
  readonly commentsPerTask?: number;
  /** Users deals and tasks are assigned to (and comments written by). */
  readonly userIDs: readonly string[];
  readonly random?: () => number;
  readonly now?: Date;
}

export type SeedCounts = Readonly<Record<EntityKind, number>>;

const INDUSTRIES = ['Textiles', 'Steel', 'Pharma', 'Software', 'Logistics', 'Agro', 'Retail', 'Auto parts'];
const CITIES = ['Mumbai', 'Pune', 'Chennai', 'Bengaluru', 'Ahmedabad', 'Kolkata', 'Jaipur', 'Kochi'];
const FIRST = ['Asha', 'Ravi', 'Meera', 'Vikram', 'Lakshmi', 'Arjun', 'Fatima', 'Suresh', 'Priya', 'Kabir'];
const LAST = ['Iyer', 'Patel', 'Reddy', 'Shah', 'Nair', 'Gupta', 'Khan', 'Das', 'Menon', 'Singh'];

/**
 * Sample CRM data for a tenant (demo command, tests, benchmarks): companies with contacts,
 * deals across every stage, tasks and comments. Written in one transaction with one change
 * version, in multi-row inserts, with personal fields sealed like any other write.
 */
export async function seedDemoData(conn: TenantConnection, opts: SeedOptions): Promise<SeedCounts> {
  const rnd = opts.random ?? Math.random;
  const now = (opts.now ?? new Date()).toISOString();
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const user = () => (opts.userIDs.length > 0 ? pick(opts.userIDs) : null);
  const stamp = { createdAt: now, updatedAt: now };

  const companies: EntityMap['company'][] = Array.from({ length: opts.companies ?? 20 }, (_, i) => ({
    id: newID(), name: `${pick(LAST)} ${pick(INDUSTRIES)} ${i + 1} Pvt Ltd`, gstin: null,
    website: `https://example-${i + 1}.in`, industry: pick(INDUSTRIES), ...stamp,
  }));
  const contacts: EntityMap['contact'][] = companies.flatMap((co) =>
    Array.from({ length: opts.contactsPerCompany ?? 3 }, () => {
      const name = `${pick(FIRST)} ${pick(LAST)}`;
      return {
        id: newID(), name, email: `${name.toLowerCase().replace(' ', '.')}@example.in`,
        phone: `+91 9${Math.floor(rnd() * 1e9).toString().padStart(9, '0')}`, companyId: co.id,
        title: pick(['Purchase head', 'Director', 'Accounts', 'Plant manager']),
        address: `${Math.floor(rnd() * 200) + 1} MG Road, ${pick(CITIES)}`, notes: null, ...stamp,
      };
    }),
  );
  let position: string | null = null;
  const deals: EntityMap['deal'][] = Array.from({ length: opts.deals ?? 40 }, (_, i) => {
    const co = pick(companies);
    const stage = DEAL_STAGES[i % DEAL_STAGES.length] ?? 'lead';
    position = positionBetween(position, null);
    return {
      id: newID(), title: `${co.name.split(' ')[1] ?? 'Supply'} order ${i + 1}`, stage,
      valuePaise: Math.floor(rnd() * 5_000_000) * 100, currency: 'INR', ownerId: user(),
      expectedClose: `2027-0${1 + (i % 9)}-15`, probability: stage === 'won' ? 100 : stage === 'lost' ? 0 : 10 + (i % 8) * 10,
      lostReason: stage === 'lost' ? 'Price' : null, companyId: co.id, contactId: contacts.find((c) => c.companyId === co.id)?.id ?? null,
      position, ...stamp,
    };
  });
  const tasks: EntityMap['task'][] = Array.from({ length: opts.tasks ?? 60 }, (_, i) => ({
    id: newID(), title: `Follow up ${i + 1}: ${pick(['send quotation', 'call back', 'visit plant', 'collect payment'])}`,
    status: pick(TASK_STATUSES), assigneeId: user(), dueDate: `2027-01-${String(1 + (i % 28)).padStart(2, '0')}`,
    priority: pick(TASK_PRIORITIES), dealId: deals.length > 0 ? pick(deals).id : null, contactId: null,
    createdBy: user() ?? 'system', commentCount: opts.commentsPerTask ?? 2, ...stamp,
  }));
  const comments: EntityMap['comment'][] = tasks.flatMap((task) =>
    Array.from({ length: task.commentCount }, (_, i) => ({
      id: newID(), taskId: task.id, body: i === 0 ? 'Spoke to them, waiting on the PO.' : 'Reminder sent.',
      mentions: [], authorId: user() ?? 'system', ...stamp,
    })),
  );

  await withConnection(conn.pool, (c) =>
    inTransaction(c, async () => {
      const version = await nextVersion(c);
      await insertAll(c, 'company', companies, version, conn.dataKey);
      await insertAll(c, 'contact', contacts, version, conn.dataKey);
      await insertAll(c, 'deal', deals, version, conn.dataKey);
      await insertAll(c, 'task', tasks, version, conn.dataKey);
      await insertAll(c, 'comment', comments, version, conn.dataKey);
    }),
  );
  return { company: companies.length, contact: contacts.length, deal: deals.length, task: tasks.length, comment: comments.length };
}

async function insertAll<K extends EntityKind>(c: PoolConnection, kind: K, values: readonly EntityMap[K][], version: number, dataKey: Buffer): Promise<void> {
  const spec = TABLES[kind];
  for (let i = 0; i < values.length; i += 500) {
    const rows = values.slice(i, i + 500).map((v) => toRow(spec, v, dataKey));
    const first = rows[0];
    if (first === undefined) continue;
    const names = [...first.columns, 'version'].map((n) => `\`${n}\``).join(', ');
    await c.query(`INSERT INTO \`${spec.table}\` (${names}) VALUES ?`, [rows.map((r) => [...r.values, version])]);
  }
}

/** Seed a provisioned tenant by slug, with its existing users as owners and assignees. */
export async function seedDemoTenant(p: Platform, slug: string): Promise<SeedCounts> {
  const tenant = await p.tenantCache.get(slug);
  if (!tenant) throw new Error(`No tenant "${slug}"`);
  const conn = p.pools.get(tenant);
  const [rows] = await conn.pool.query<RowDataPacket[]>('SELECT id FROM users');
  return seedDemoData(conn, { userIDs: rows.map((r) => String(r.id)) });
}
