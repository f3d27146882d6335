import type { ReadTransaction } from 'replicache';

import type { MutatorArgs, MutatorName } from '../../../mutators';
import { entityKey, type EntityKind } from '../../../shared/domain';

/** Mutations that create a row, and the kind of row each creates. */
const CREATES = {
  createCompany: 'company', createContact: 'contact', createDeal: 'deal', createTask: 'task', addComment: 'comment',
} as const satisfies Partial<Record<MutatorName, EntityKind>>;
type CreateName = keyof typeof CREATES;

export interface JournalEntry {
  readonly name: CreateName;
  readonly args: { readonly id: string };
  /** Epoch ms when it was made. */
  readonly at: number;
}

/** A create still missing from the replica this long after being made was refused: let it go. */
const GIVE_UP_MS = 60_000;

/**
 * Replicache writes a change to IndexedDB within about 1.5 s (1 s idle, 0.5 s throttle). An
 * entry whose row is in the replica is kept at least this long, so a stale "nothing pending"
 * seen just after the create can never drop it before it is on disk.
 */
const PERSIST_MARGIN_MS = 5_000;

function isCreate(name: MutatorName): name is CreateName {
  return Object.hasOwn(CREATES, name);
}

/**
 * A write-ahead copy of recent creates in localStorage. Replicache keeps new changes in memory
 * and writes them to IndexedDB about a second later; a reload, crash or closed tab inside that
 * second would lose what the user just typed. localStorage writes are synchronous, so the
 * journal has it; on the next start, any journaled row missing from the replica is created
 * again with the same id. An entry is dropped once the server has confirmed every change and
 * the row is in the replica.
 */
export class CreateJournal {
  constructor(private readonly storageKey: string, private readonly storage: Storage) {}

  record<N extends MutatorName>(name: N, args: MutatorArgs<N>, now: number): void {
    const id = (args as { id?: unknown }).id;
    if (typeof id !== 'string') return;
    // A delete of a row made moments ago must not be undone by replaying its create.
    if (name.startsWith('delete')) this.write(this.read().filter((e) => e.args.id !== id));
    if (isCreate(name)) this.write([...this.read(), { name, args: args as unknown as JournalEntry['args'], at: now }]);
  }

  /** Creates that are not in the replica: to run again. */
  async missing(tx: ReadTransaction): Promise<JournalEntry[]> {
    const out: JournalEntry[] = [];
    for (const e of this.read()) if (!(await tx.has(entityKey(CREATES[e.name], e.args.id)))) out.push(e);
    return out;
  }

  /**
   * Call with nothing pending: the server has then confirmed every change, so a row that is in
   * the replica is on the server too and its entry can go.
   */
  async prune(tx: ReadTransaction, now: number): Promise<void> {
    const keep: JournalEntry[] = [];
    for (const e of this.read()) {
      const age = now - e.at;
      const present = await tx.has(entityKey(CREATES[e.name], e.args.id));
      if (present ? age < PERSIST_MARGIN_MS : age < GIVE_UP_MS) keep.push(e);
    }
    this.write(keep);
  }

  private read(): JournalEntry[] {
    try {
      const parsed: unknown = JSON.parse(this.storage.getItem(this.storageKey) ?? '[]');
      return Array.isArray(parsed) ? (parsed as JournalEntry[]) : [];
    } catch {
      return [];
    }
  }

  private write(entries: readonly JournalEntry[]): void {
    try {
      if (entries.length === 0) this.storage.removeItem(this.storageKey);
      // Bounded: an offline day of work is far below this; the oldest go first.
      else this.storage.setItem(this.storageKey, JSON.stringify(entries.slice(-2000)));
    } catch {
      // Storage full: the replica still has the change once it persists.
    }
  }
}
