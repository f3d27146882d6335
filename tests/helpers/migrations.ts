import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { TENANT_MIGRATIONS } from '../../sync-server/db/connect';

interface Journal {
  entries: { idx: number; when: number; tag: string; version: string; breakpoints: boolean }[];
}

/**
 * A copy of the real tenant migrations plus new ones, as a deploy would bring them. Each extra
 * migration is `[tag, sql]`; they are dated after the last real one, in order.
 */
export function folderWithExtraMigrations(extra: readonly (readonly [string, string])[]): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'focus-migrations-'));
  cpSync(TENANT_MIGRATIONS, dir, { recursive: true });
  const journalPath = path.join(dir, 'meta/_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as Journal;
  for (const [tag, sql] of extra) {
    const last = journal.entries[journal.entries.length - 1]!;
    journal.entries.push({ idx: last.idx + 1, version: last.version, when: last.when + 1000, tag, breakpoints: true });
    writeFileSync(path.join(dir, `${tag}.sql`), sql);
  }
  writeFileSync(journalPath, JSON.stringify(journal));
  return dir;
}

export function journalLength(dir: string): number {
  return (JSON.parse(readFileSync(path.join(dir, 'meta/_journal.json'), 'utf8')) as Journal).entries.length;
}
