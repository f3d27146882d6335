import { z } from 'zod';

import {
  companyFields,
  contactFields,
  dealFields,
  DEAL_STAGES,
  idSchema,
  positionSchema,
} from '../shared/domain';

import { applyPatch, firstError, mustNotExist, mustReference } from './checks';
import { defineMutator } from './define';

// Conflict rule for every update/move/delete here: a row deleted concurrently stays deleted and
// the late update is a no-op (not a rejection), so offline edits never resurrect a deleted row.

const idArgs = z.object({ id: idSchema });

export const createCompany = defineMutator({
  name: 'createCompany',
  args: z.object({
    id: idSchema,
    ...companyFields,
    gstin: companyFields.gstin.default(null),
    website: companyFields.website.default(null),
    industry: companyFields.industry.default(null),
  }),
  permission: 'companies.create',
  server: (tx, a) => mustNotExist(tx, 'company', a.id),
  apply: (tx, a, ctx) => tx.put('company', { ...a, createdAt: ctx.now, updatedAt: ctx.now }),
});

export const updateCompany = defineMutator({
  name: 'updateCompany',
  args: z.object({ id: idSchema, ...companyFields }).partial().required({ id: true }),
  permission: 'companies.update',
  apply: async (tx, a, ctx) => {
    const cur = await tx.get('company', a.id);
    if (cur === undefined) return;
    await tx.put('company', { ...applyPatch(cur, a), updatedAt: ctx.now });
  },
});

export const deleteCompany = defineMutator({
  name: 'deleteCompany',
  args: idArgs,
  permission: 'companies.delete',
  // Limitation: contacts and deals keep their companyId after the company is deleted; the UI
  // shows them as "no company". Clearing them would need an index scan inside the push.
  apply: (tx, a) => tx.del('company', a.id),
});

export const createContact = defineMutator({
  name: 'createContact',
  args: z.object({
    id: idSchema,
    ...contactFields,
    email: contactFields.email.default(null),
    phone: contactFields.phone.default(null),
    companyId: contactFields.companyId.default(null),
    title: contactFields.title.default(null),
    address: contactFields.address.default(null),
    notes: contactFields.notes.default(null),
  }),
  permission: 'contacts.create',
  server: (tx, a) =>
    firstError([() => mustNotExist(tx, 'contact', a.id), () => mustReference(tx, 'company', a.companyId)]),
  apply: (tx, a, ctx) => tx.put('contact', { ...a, createdAt: ctx.now, updatedAt: ctx.now }),
});

export const updateContact = defineMutator({
  name: 'updateContact',
  args: z.object({ id: idSchema, ...contactFields }).partial().required({ id: true }),
  permission: 'contacts.update',
  server: (tx, a) => mustReference(tx, 'company', a.companyId),
  apply: async (tx, a, ctx) => {
    const cur = await tx.get('contact', a.id);
    if (cur === undefined) return;
    await tx.put('contact', { ...applyPatch(cur, a), updatedAt: ctx.now });
  },
});

export const deleteContact = defineMutator({
  name: 'deleteContact',
  args: idArgs,
  permission: 'contacts.delete',
  apply: (tx, a) => tx.del('contact', a.id),
});

export const createDeal = defineMutator({
  name: 'createDeal',
  args: z.object({
    id: idSchema,
    ...dealFields,
    stage: dealFields.stage.default('lead'),
    valuePaise: dealFields.valuePaise.default(0),
    currency: dealFields.currency.default('INR'),
    ownerId: dealFields.ownerId.default(null),
    expectedClose: dealFields.expectedClose.default(null),
    probability: dealFields.probability.default(10),
    lostReason: dealFields.lostReason.default(null),
    companyId: dealFields.companyId.default(null),
    contactId: dealFields.contactId.default(null),
    position: dealFields.position.default('a0'),
  }),
  permission: 'deals.create',
  server: (tx, a) =>
    firstError([
      () => mustNotExist(tx, 'deal', a.id),
      () => mustReference(tx, 'company', a.companyId),
      () => mustReference(tx, 'contact', a.contactId),
    ]),
  apply: (tx, a, ctx) => tx.put('deal', { ...a, createdAt: ctx.now, updatedAt: ctx.now }),
});

export const updateDeal = defineMutator({
  name: 'updateDeal',
  args: z.object({ id: idSchema, ...dealFields }).partial().required({ id: true }),
  permission: 'deals.update',
  server: (tx, a) =>
    firstError([() => mustReference(tx, 'company', a.companyId), () => mustReference(tx, 'contact', a.contactId)]),
  apply: async (tx, a, ctx) => {
    const cur = await tx.get('deal', a.id);
    if (cur === undefined) return;
    await tx.put('deal', { ...applyPatch(cur, a), updatedAt: ctx.now });
  },
});

/**
 * Kanban drag: a new stage and a position between two neighbours (`positionBetween`). Won sets
 * probability 100 and lost sets 0; leaving "lost" clears the lost reason.
 */
export const moveDeal = defineMutator({
  name: 'moveDeal',
  args: z.object({
    id: idSchema,
    stage: z.enum(DEAL_STAGES),
    position: positionSchema,
    lostReason: dealFields.lostReason.optional(),
  }),
  permission: 'deals.update',
  apply: async (tx, a, ctx) => {
    const cur = await tx.get('deal', a.id);
    if (cur === undefined) return;
    const probability = a.stage === 'won' ? 100 : a.stage === 'lost' ? 0 : cur.probability;
    const lostReason = a.stage === 'lost' ? (a.lostReason ?? cur.lostReason) : null;
    await tx.put('deal', { ...cur, stage: a.stage, position: a.position, probability, lostReason, updatedAt: ctx.now });
  },
});

export const deleteDeal = defineMutator({
  name: 'deleteDeal',
  args: idArgs,
  permission: 'deals.delete',
  apply: (tx, a) => tx.del('deal', a.id),
});
