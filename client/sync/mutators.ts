import type { WriteTransaction } from 'replicache';

import { type MutatorArgs, type MutatorDef, type MutatorName, mutators } from '../../mutators';
import { ReplicacheMutatorTx } from './replicache-tx';

/** The Replicache mutator functions: each the shared definition, run optimistically. */
export type ClientMutators = { readonly [N in MutatorName]: (tx: WriteTransaction, args: MutatorArgs<N>) => Promise<void> };

/**
 * Build the device's mutators. Arguments are validated here too, so a bad call fails at once in
 * the UI (the promise of `rep.mutate.x` rejects and nothing is queued); permissions and
 * references are the server's to judge (docs/sync.md, S-5, S-9).
 */
export function clientMutators(opts: { readonly userID: string; readonly now?: () => Date }): ClientMutators {
  const now = opts.now ?? (() => new Date());
  const out: Record<string, (tx: WriteTransaction, args: unknown) => Promise<void>> = {};
  for (const [name, def] of Object.entries(mutators) as [MutatorName, MutatorDef][]) {
    out[name] = async (tx, args) => {
      const parsed = def.args.parse(args);
      await def.apply(new ReplicacheMutatorTx(tx), parsed, { userID: opts.userID, now: now().toISOString(), location: 'client' });
    };
  }
  return out as unknown as ClientMutators;
}
