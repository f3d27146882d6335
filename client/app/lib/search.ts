import type { Company, Contact, Deal, Task } from '../../../shared/domain';

export type SearchKind = 'contact' | 'company' | 'deal' | 'task';

export interface SearchDoc {
  readonly kind: SearchKind;
  readonly id: string;
  readonly title: string;
  readonly subtitle: string;
  /** Lower-cased text of every searchable field, joined once at index time. */
  readonly hay: string;
  readonly titleLower: string;
}

export interface SearchSources {
  readonly contacts: readonly Contact[];
  readonly companies: readonly Company[];
  readonly deals: readonly Deal[];
  readonly tasks: readonly Task[];
}

function doc(kind: SearchKind, id: string, title: string, subtitle: string, extra: readonly (string | null)[]): SearchDoc {
  const titleLower = title.toLowerCase();
  const hay = [titleLower, subtitle.toLowerCase(), ...extra.map((e) => (e ?? '').toLowerCase())].join('\u0001');
  return { kind, id, title, subtitle, hay, titleLower };
}

/** One flat array of documents: a linear scan of 50,000 short strings takes a few ms. */
export function buildIndex(s: SearchSources): readonly SearchDoc[] {
  const companyName = new Map(s.companies.map((c) => [c.id, c.name]));
  const out: SearchDoc[] = [];
  for (const c of s.contacts) {
    const company = c.companyId === null ? '' : (companyName.get(c.companyId) ?? '');
    out.push(doc('contact', c.id, c.name, [c.title, company].filter(Boolean).join(' · '), [c.email, c.phone]));
  }
  for (const c of s.companies) out.push(doc('company', c.id, c.name, c.industry ?? '', [c.gstin, c.website]));
  for (const d of s.deals) out.push(doc('deal', d.id, d.title, d.stage, []));
  for (const t of s.tasks) out.push(doc('task', t.id, t.title, t.status.replace('_', ' '), []));
  return out;
}

/**
 * Every query word must appear somewhere in the document. Ranked: title starts with the query,
 * then a title word starts with it, then any other match; stable within a rank.
 */
export function search(index: readonly SearchDoc[], query: string, limit = 50): SearchDoc[] {
  const q = query.trim().toLowerCase();
  if (q === '') return [];
  const words = q.split(/\s+/);
  const wordPrefix = ` ${words[0] ?? ''}`;
  const ranks: [SearchDoc[], SearchDoc[], SearchDoc[]] = [[], [], []];
  scan: for (const d of index) {
    for (const w of words) if (!d.hay.includes(w)) continue scan;
    const rank = d.titleLower.startsWith(q) ? 0 : d.titleLower.includes(wordPrefix) ? 1 : 2;
    const bucket = ranks[rank];
    // Each rank needs at most `limit` hits; keeping more only costs memory.
    if (bucket.length < limit) bucket.push(d);
    // The best rank is full: nothing later can displace it.
    if (ranks[0].length >= limit) break;
  }
  return [...ranks[0], ...ranks[1], ...ranks[2]].slice(0, limit);
}

export function hrefOf(d: Pick<SearchDoc, 'kind' | 'id'>): string {
  switch (d.kind) {
    case 'contact': return `/contacts/${d.id}`;
    case 'company': return `/companies/${d.id}`;
    case 'deal': return `/pipeline?deal=${d.id}`;
    case 'task': return `/tasks/${d.id}`;
  }
}
