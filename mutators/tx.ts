import type { Comment, Company, Contact, Deal, EntityKind, Task } from '../shared/domain';

/** The value type stored under each entity kind. */
export interface EntityMap {
  company: Company;
  contact: Contact;
  deal: Deal;
  task: Task;
  comment: Comment;
}

/**
 * The small transaction interface every mutator writes through. The client implements it on a
 * Replicache WriteTransaction (keys `<kind>/<id>`); the server implements it on the tenant
 * database inside one MariaDB transaction (kind -> table, with row versions and encryption).
 *
 * There is deliberately no prefix scan: on the server a scan is a table scan, and a mutator
 * whose cost grows with the tenant would make every push slow (docs/sync.md, S-12).
 */
export interface MutatorTx {
  /** The live row, or undefined if it never existed or was deleted. */
  get<K extends EntityKind>(kind: K, id: string): Promise<EntityMap[K] | undefined>;
  put<K extends EntityKind>(kind: K, value: EntityMap[K]): Promise<void>;
  del(kind: EntityKind, id: string): Promise<void>;
}

export interface MutationContext {
  /** The user the mutation runs as: the session's user on the server, `meta/me` on a device. */
  readonly userID: string;
  /** ISO-8601 time of this run. Server time is authoritative and overwrites the device's. */
  readonly now: string;
  readonly location: 'client' | 'server';
}
