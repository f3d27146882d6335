import { and, asc, desc, eq, inArray, like, or, sql, type SQL } from 'drizzle-orm';

import type { TenantDb } from '../db/connect';
import { searchIndex } from '../db/tenant/search';
import { clampLimit, type SearchDoc, type SearchHit, type SearchOptions, type SearchPort, type SearchRef } from './port';
import { searchTerms, snippetOf } from './text';

/** InnoDB indexes no word shorter than `innodb_ft_min_token_size` (3 by default). */
const MIN_FULLTEXT_TERM = 3;

/** InnoDB's default stopwords: MATCH ignores them, so they are matched with LIKE instead. */
const STOPWORDS = new Set([
  'a', 'about', 'an', 'are', 'as', 'at', 'be', 'by', 'com', 'de', 'en', 'for', 'from', 'how', 'i',
  'in', 'is', 'it', 'la', 'of', 'on', 'or', 'that', 'the', 'this', 'to', 'was', 'what', 'when',
  'where', 'who', 'will', 'with', 'und', 'www',
]);

const MAX_BODY = 60_000;
const BATCH = 500;

/**
 * The default search adapter: a `search_index` table in each tenant's own database with a
 * FULLTEXT index on (title, body), queried with MATCH ... AGAINST in boolean mode, every term
 * required and matched as a prefix. Terms FULLTEXT can't see (short words, stopwords) are
 * matched with LIKE as substrings.
 */
export class MariaDbSearchAdapter implements SearchPort {
  constructor(
    private readonly dbOf: (tenant: string) => Promise<TenantDb>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async index(tenant: string, docs: readonly SearchDoc[]): Promise<void> {
    if (docs.length === 0) return;
    const db = await this.dbOf(tenant);
    for (let i = 0; i < docs.length; i += BATCH) {
      const rows = docs.slice(i, i + BATCH).map((d) => ({
        type: d.type, id: d.id, title: d.title.slice(0, 500), body: d.body.slice(0, MAX_BODY), updatedAt: this.now(),
      }));
      await db.insert(searchIndex).values(rows).onDuplicateKeyUpdate({
        set: { title: sql`VALUES(title)`, body: sql`VALUES(body)`, updatedAt: sql`VALUES(updated_at)` },
      });
    }
  }

  async remove(tenant: string, refs: readonly SearchRef[]): Promise<void> {
    if (refs.length === 0) return;
    const db = await this.dbOf(tenant);
    for (let i = 0; i < refs.length; i += BATCH) {
      const match = refs.slice(i, i + BATCH).map((r) => and(eq(searchIndex.type, r.type), eq(searchIndex.id, r.id)));
      await db.delete(searchIndex).where(or(...match));
    }
  }

  async query(tenant: string, text: string, opts: SearchOptions = {}): Promise<SearchHit[]> {
    const terms = searchTerms(text);
    if (terms.length === 0 || opts.types?.length === 0) return [];
    const fulltext = terms.filter((t) => t.length >= MIN_FULLTEXT_TERM && !STOPWORDS.has(t));
    const substrings = terms.filter((t) => !fulltext.includes(t));

    const where: SQL[] = [];
    if (opts.types) where.push(inArray(searchIndex.type, [...opts.types]));
    // searchTerms leaves letters and digits only, so no boolean-mode operator comes from input.
    const against = fulltext.map((t) => `+${t}*`).join(' ');
    const score = fulltext.length > 0 ? sql<number>`MATCH(title, body) AGAINST (${against} IN BOOLEAN MODE)` : sql<number>`0`;
    if (fulltext.length > 0) where.push(sql`MATCH(title, body) AGAINST (${against} IN BOOLEAN MODE)`);
    for (const s of substrings) {
      const pattern = `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      where.push(or(like(searchIndex.title, pattern), like(searchIndex.body, pattern))!);
    }

    const db = await this.dbOf(tenant);
    const rows = await db
      .select({ type: searchIndex.type, id: searchIndex.id, title: searchIndex.title, body: searchIndex.body, score })
      .from(searchIndex)
      .where(and(...where))
      .orderBy(...(fulltext.length > 0 ? [desc(score)] : []), asc(searchIndex.title))
      .limit(clampLimit(opts.limit));
    return rows.map((r) => ({ type: r.type as SearchHit['type'], id: r.id, title: r.title, snippet: snippetOf(r.body, terms) }));
  }

  async clear(tenant: string): Promise<void> {
    const db = await this.dbOf(tenant);
    await db.delete(searchIndex);
  }
}
