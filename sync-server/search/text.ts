/** Query terms and result snippets, shared by the adapters so they answer alike. */

const MAX_TERMS = 8;
const MAX_TERM_LENGTH = 40;

/**
 * Letters and digits only: whatever an engine treats as an operator (`+ - * " ( ) @ ~ <>` in
 * MariaDB boolean mode, quotes and filters in Meilisearch) never reaches it from user input.
 */
export function searchTerms(text: string): string[] {
  const words = text.toLowerCase().normalize('NFKC').split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0);
  return [...new Set(words.map((w) => w.slice(0, MAX_TERM_LENGTH)))].slice(0, MAX_TERMS);
}

export function snippetOf(body: string, terms: readonly string[], width = 120): string {
  const clean = body.replace(/\s+/g, ' ').trim();
  if (clean.length <= width) return clean;
  const lower = clean.toLowerCase();
  const at = terms.map((t) => lower.indexOf(t)).filter((i) => i >= 0).sort((a, b) => a - b)[0];
  if (at === undefined) return `${clean.slice(0, width).trimEnd()}…`;
  const start = Math.max(0, at - Math.floor(width / 3));
  const end = Math.min(clean.length, start + width);
  return `${start > 0 ? '…' : ''}${clean.slice(start, end).trim()}${end < clean.length ? '…' : ''}`;
}
