/**
 * Posting a device draft: upload it as a server draft, then ask the server to post it, which
 * allocates the number and books the voucher. Two steps, each safe to repeat:
 *  D-1 The upload carries an idempotency key naming the draft and its revision
 *      (`uploadKey`), and the server's id is saved on the device before posting, so a retry
 *      after a lost answer never stores or books it twice.
 *  D-2 Without a network the draft is kept, marked `queued`, and posted when the network
 *      returns (`postQueued`); nothing the user typed is lost.
 *  D-3 A refusal (a rate not valid on the date, a closed year) marks it `failed` with the
 *      server's reason; it stays on the device to be corrected.
 *  D-4 Only once the server has posted it is the device copy removed.
 */
import type { DraftStore } from './draft-store';
import { toImportShape, validateDraft, type InvoiceDraft } from './invoice-draft';

/** What a call to the server came back with. `offline`: it never got an answer. */
export type Reply<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly offline: boolean; readonly message: string };

/** The two server calls posting needs; `api.ts` implements them over HTTP. */
export interface PostingTransport {
  uploadDraft(
    companyId: string,
    document: Record<string, unknown>,
    idempotencyKey: string,
  ): Promise<Reply<{ readonly id: string }>>;
  postDocument(companyId: string, id: string): Promise<Reply<{ readonly number: string }>>;
}

/** The same until the draft is edited again: id plus the time of its last edit. */
export function uploadKey(draft: InvoiceDraft): string {
  return `${draft.id}@${draft.updatedAt}`;
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
): Promise<PostOutcome> {
  const issues = validateDraft(draft);
  if (issues.length > 0) {
    return keep(store, draft, { offline: false, message: issues.map((i) => i.message).join('; ') });
  }

  let current = draft;
  if (current.serverId === null) {
    const shape = toImportShape(current);
    const uploaded = await transport.uploadDraft(current.companyId, shape, uploadKey(current));
    if (!uploaded.ok) return keep(store, current, uploaded);
    current = { ...current, serverId: uploaded.value.id };
    await store.put(current);
  }

  const serverId = current.serverId ?? '';
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
 * uploads a fresh one under a new key (the edit time is part of `uploadKey`).
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
