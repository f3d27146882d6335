import type { SearchDoc } from './port';

/**
 * What of each entity goes into the search index. The inputs are structural, so a CRM row
 * and a replica entity both fit. Personal fields (e-mail, phone, address) are sealed at rest
 * and stay out of the index: an index in plaintext would undo the sealing.
 */
type Text = string | null | undefined;

const join = (...parts: Text[]) => parts.filter((s): s is string => typeof s === 'string' && s.length > 0).join(' ');

export function companyDoc(c: { readonly id: string; readonly name: string; readonly gstin?: Text; readonly website?: Text; readonly industry?: Text }): SearchDoc {
  return { type: 'company', id: c.id, title: c.name, body: join(c.industry, c.gstin, c.website) };
}

export function contactDoc(c: { readonly id: string; readonly name: string; readonly title?: Text; readonly notes?: Text }, companyName?: Text): SearchDoc {
  return { type: 'contact', id: c.id, title: c.name, body: join(c.title, companyName, c.notes) };
}

export function dealDoc(d: { readonly id: string; readonly title: string; readonly stage?: Text; readonly lostReason?: Text }, companyName?: Text): SearchDoc {
  return { type: 'deal', id: d.id, title: d.title, body: join(companyName, d.stage, d.lostReason) };
}

export function taskDoc(t: { readonly id: string; readonly title: string; readonly status?: Text; readonly priority?: Text }): SearchDoc {
  return { type: 'task', id: t.id, title: t.title, body: join(t.status?.replace('_', ' '), t.priority) };
}
