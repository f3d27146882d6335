/**
 * Posting a device draft: upload it as a server draft, then ask the server to post it, which
 * allocates the number and books the voucher. Two steps, each safe to repeat:
 *  D-1 The id the server keeps the document under is made on the device and saved there
 *      before the first upload. The server answers a repeated upload with the first copy and
 *      posts a posted document once, so a retry after a lost answer never stores or books it
 *      twice.
 *  D-2 Without a network the draft is kept, marked `queued`, and posted when the network
 *      returns (`postQueued`); nothing the user typed is lost.
 *  D-3 A refusal (a rate not valid on the date, a closed year) marks it `failed` with the
 *      server's reason; it stays on the device to be corrected.
 *  D-4 Only once the server has posted it is the device copy removed.
 */
import { newID, type IDGenerator } from '../../../shared/ids';
import type { DraftStore } from './draft-store';
import { toImportShape, validateDraft, type InvoiceDraft } from './invoice-draft';

/** What a call to the server came back with. `offline`: it never got an answer. */
export type Reply<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly offline: boolean; readonly message: string };

/** The two server calls posting needs; `api.ts` implements them over HTTP. */
export interface PostingTransport {
  /** Stores the document as a server draft under `id`; an `id` seen before is a no-op. */
  uploadDraft(
    companyId: string,
    id: string,
    document: Record<string, unknown>,
  ): Promise<Reply<{ readonly id: string }>>;
  postDocument(companyId: string, id: string): Promise<Reply<{ readonly number: string }>>;
}

export type PostOutcome =
  | { readonly kind: 'posted'; readonly id: string; readonly number: string }
  | { readonly kind: 'queued' }
  | { readonly kind: 'failed'; readonly message: string };

async function keep(
  store: DraftStore,
  draft: InvoiceDraft,
  reply: { readonly offline: boolean; readonly message: string },
): Promise<PostOutcome> {
  const status = reply.offline ? 'queued' : 'failed';
  await store.put({ ...draft, status, error: reply.offline ? null : reply.message });
  return reply.offline ? { kind: 'queued' } : { kind: 'failed', message: reply.message };
}

/** Posts one draft (rules D-1 to D-4). The draft should be saved in `store` already. */
export async function postDraft(
  store: DraftStore,
  transport: PostingTransport,
  draft: InvoiceDraft,
  newId: IDGenerator = newID,
): Promise<PostOutcome> {
  const issues = validateDraft(draft);
  if (issues.length > 0) {
    return keep(store, draft, { offline: false, message: issues.map((i) => i.message).join('; ') });
  }

  let current = draft;
  if (current.serverId === null) {
    current = { ...current, serverId: newId() };
    await store.put(current);
  }
  const serverId = current.serverId ?? '';

  const uploaded = await transport.uploadDraft(current.companyId, serverId, toImportShape(current));
  if (!uploaded.ok) return keep(store, current, uploaded);

  const posted = await transport.postDocument(current.companyId, serverId);
  if (!posted.ok) return keep(store, current, posted);

  await store.remove(current.id);
  return { kind: 'posted', id: serverId, number: posted.value.number };
}

/** Posts every queued draft of the company, one at a time, in the order they were made. */
export async function postQueued(
  store: DraftStore,
  transport: PostingTransport,
  companyId: string,
): Promise<PostOutcome[]> {
  const queued = (await store.list(companyId))
    .filter((d) => d.status === 'queued')
    .sort((a, b) => a.id.localeCompare(b.id));
  const outcomes: PostOutcome[] = [];
  for (const d of queued) {
    const outcome = await postDraft(store, transport, d);
    outcomes.push(outcome);
    // Still offline: the rest would fail the same way; they wait for the next attempt.
    if (outcome.kind === 'queued') break;
  }
  return outcomes;
}

/**
 * A draft edited after it was uploaded: the server's copy is now stale, so the next post
 * uploads a fresh one under a new id.
 *
 * Limitation: the stale server draft stays on the server as an unposted draft (it has no
 * number and no voucher, so neither the books nor the returns see it).
 */
export function editedDraft(
  draft: InvoiceDraft,
  changes: Partial<InvoiceDraft>,
  now: string,
): InvoiceDraft {
  return { ...draft, ...changes, status: 'draft', error: null, serverId: null, updatedAt: now };
}
