import type { ReadonlyJSONValue, ReadTransaction, WriteTransaction } from 'replicache';

import { entityKey, type EntityKind } from '../../shared/domain';
import type { EntityMap, MutatorTx } from '../../mutators';

/** The device side of MutatorTx: entity `<kind>/<id>` keys in the Replicache replica. */
export class ReplicacheMutatorTx implements MutatorTx {
  constructor(private readonly tx: WriteTransaction) {}

  async get<K extends EntityKind>(kind: K, id: string): Promise<EntityMap[K] | undefined> {
    return (await this.tx.get(entityKey(kind, id))) as EntityMap[K] | undefined;
  }

  async put<K extends EntityKind>(kind: K, value: EntityMap[K]): Promise<void> {
    await this.tx.set(entityKey(kind, value.id), value as unknown as ReadonlyJSONValue);
  }

  async del(kind: EntityKind, id: string): Promise<void> {
    await this.tx.del(entityKey(kind, id));
  }
}

/** Read one entity from any transaction (subscriptions, mutators). */
export async function readEntity<K extends EntityKind>(tx: ReadTransaction, kind: K, id: string): Promise<EntityMap[K] | undefined> {
  return (await tx.get(entityKey(kind, id))) as EntityMap[K] | undefined;
}
