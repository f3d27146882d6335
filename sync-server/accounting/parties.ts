/**
 * Party ledgers: a customer's or supplier's account, provisioned the first time the party
 * appears on a document. The CRM's contact and company rows stay free of accounting fields;
 * the match to them is kept in acc_party_links.
 */
import { and, eq } from 'drizzle-orm';

import { appError } from '../../shared/errors';
import type { IDGenerator } from '../../shared/ids';
import { companies as crmCompanies, contacts as crmContacts } from '../db/tenant/crm';
import { accLedgers, accPartyLinks } from '../db/tenant/accounting';
import { groupId } from './companies';
import type { Db } from './db';

export interface Party {
  readonly gstin: string | null;
  readonly name: string | null;
  readonly state: string;
  readonly category: string;
}

/** Registered parties are matched by GSTIN, unregistered ones by name, ignoring case. */
export function partyKey(party: Party): string {
  if (party.gstin !== null) return party.gstin;
  const name = (party.name ?? '').trim().toLowerCase().replace(/\s+/g, ' ');
  if (name === '') throw appError('validation', 'a party without a GSTIN needs a name');
  return `name:${name}`;
}

export type PartySide = 'sundry_debtors' | 'sundry_creditors';

/** A CRM record named on a document (the contact or company picked in the invoice form). */
export interface CrmRef {
  readonly kind: 'company' | 'contact';
  readonly id: string;
}

async function crmRecordExists(db: Db, ref: CrmRef): Promise<boolean> {
  const table = ref.kind === 'company' ? crmCompanies : crmContacts;
  const rows = await db
    .select({ id: table.id })
    .from(table)
    .where(and(eq(table.id, ref.id), eq(table.deleted, false)))
    .limit(1);
  return rows.length > 0;
}

/**
 * The CRM record for a party: a CRM company with the same GSTIN, else (for unregistered
 * parties) a company or contact with the same name. Only live rows count.
 */
async function findCrmMatch(db: Db, party: Party): Promise<{ kind: string; id: string } | null> {
  if (party.gstin !== null) {
    const rows = await db
      .select({ id: crmCompanies.id })
      .from(crmCompanies)
      .where(and(eq(crmCompanies.gstin, party.gstin), eq(crmCompanies.deleted, false)))
      .limit(1);
    return rows[0] === undefined ? null : { kind: 'company', id: rows[0].id };
  }
  const name = (party.name ?? '').trim();
  const company = await db
    .select({ id: crmCompanies.id })
    .from(crmCompanies)
    .where(and(eq(crmCompanies.name, name), eq(crmCompanies.deleted, false)))
    .limit(1);
  if (company[0] !== undefined) return { kind: 'company', id: company[0].id };
  const contact = await db
    .select({ id: crmContacts.id })
    .from(crmContacts)
    .where(and(eq(crmContacts.name, name), eq(crmContacts.deleted, false)))
    .limit(1);
  return contact[0] === undefined ? null : { kind: 'contact', id: contact[0].id };
}

/**
 * The party's ledger on one side (customers under Sundry Debtors, suppliers under Sundry
 * Creditors), created and linked to its CRM record on first use: the one named (`crm`), else
 * a match found by GSTIN or name. A racing creation is a
 * no-op through the unique (company, group, party key) index.
 */
export async function ensurePartyLedger(
  db: Db,
  companyId: string,
  party: Party,
  side: PartySide,
  newId: IDGenerator,
  crm?: CrmRef,
): Promise<string> {
  if (crm !== undefined && !(await crmRecordExists(db, crm))) {
    throw appError('validation', `no CRM ${crm.kind} ${crm.id}`);
  }
  const key = partyKey(party);
  const group = await groupId(db, companyId, side);
  const where = and(
    eq(accLedgers.companyId, companyId),
    eq(accLedgers.groupId, group),
    eq(accLedgers.partyKey, key),
  );
  const existing = (await db.select({ id: accLedgers.id }).from(accLedgers).where(where))[0]?.id;
  if (existing !== undefined) return existing;

  const id = newId();
  await db
    .insert(accLedgers)
    .values({
      id,
      companyId,
      groupId: group,
      name: party.name ?? party.gstin ?? key,
      partyKey: key,
      partyGstin: party.gstin,
      partyState: party.state,
      partyCategory: party.category,
    })
    .onDuplicateKeyUpdate({ set: { partyKey: key } });
  // A locking read: a racing transaction's row, committed after our snapshot, is visible.
  const locked = await db.select({ id: accLedgers.id }).from(accLedgers).where(where).for('update');
  const ledgerId = locked[0]?.id;
  if (ledgerId === undefined) throw appError('internal', 'party ledger vanished after insert');

  if (ledgerId === id || crm !== undefined) await linkToCrm(db, companyId, ledgerId, party, crm);
  return ledgerId;
}

/** Links a ledger that has no CRM link yet; the first link stays. */
async function linkToCrm(
  db: Db,
  companyId: string,
  ledgerId: string,
  party: Party,
  named: CrmRef | undefined,
): Promise<void> {
  const existing = await db
    .select({ ledgerId: accPartyLinks.ledgerId })
    .from(accPartyLinks)
    .where(eq(accPartyLinks.ledgerId, ledgerId));
  if (existing.length > 0) return;
  const crm = named ?? (await findCrmMatch(db, party));
  if (crm === null) return;
  await db
    .insert(accPartyLinks)
    .values({ ledgerId, companyId, crmKind: crm.kind, crmId: crm.id })
    .onDuplicateKeyUpdate({ set: { ledgerId } });
}
