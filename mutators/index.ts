import type { z } from 'zod';

import {
  createCompany,
  createContact,
  createDeal,
  deleteCompany,
  deleteContact,
  deleteDeal,
  moveDeal,
  updateCompany,
  updateContact,
  updateDeal,
} from './crm';
import type { MutatorDef } from './define';
import { addComment, createTask, deleteComment, deleteTask, updateTask } from './tasks';

export type { MutatorDef } from './define';
export type { EntityMap, MutationContext, MutatorTx } from './tx';

/**
 * The replica schema version (docs/sync.md, S-2). Bump it when a key layout or value shape
 * changes incompatibly; the server then answers older clients with VersionNotSupported.
 */
export const SCHEMA_VERSION = '1';
export const SUPPORTED_SCHEMA_VERSIONS: readonly string[] = [SCHEMA_VERSION];

/** Every mutator, by the name clients push. */
export const mutators = {
  createCompany,
  updateCompany,
  deleteCompany,
  createContact,
  updateContact,
  deleteContact,
  createDeal,
  updateDeal,
  moveDeal,
  deleteDeal,
  createTask,
  updateTask,
  deleteTask,
  addComment,
  deleteComment,
} as const;

export type Mutators = typeof mutators;
export type MutatorName = keyof Mutators;
/** What a caller passes (defaults still optional). */
export type MutatorArgs<N extends MutatorName> = z.input<Mutators[N]['args']>;

export function findMutator(name: string): MutatorDef | undefined {
  return Object.hasOwn(mutators, name) ? (mutators[name as MutatorName] as unknown as MutatorDef) : undefined;
}
