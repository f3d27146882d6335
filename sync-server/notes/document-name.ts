/**
 * Note documents belong to one task or deal: `task-<id>` or `deal-<id>`. The name is all the
 * client sends, so it is parsed strictly before anything looks it up.
 */
export type NoteOwnerKind = 'task' | 'deal';

export interface NoteDocumentName {
  readonly name: string;
  readonly kind: NoteOwnerKind;
  readonly id: string;
}

const PATTERN = /^(task|deal)-([A-Za-z0-9_-]{1,40})$/;

export function parseDocumentName(raw: string): NoteDocumentName | null {
  const m = PATTERN.exec(raw);
  if (!m) return null;
  return { name: raw, kind: m[1] as NoteOwnerKind, id: m[2]! };
}

/** The document name from an upgrade URL such as `/api/notes/task-01J...?x=1`. */
export function documentFromPath(urlPath: string, prefix: string): NoteDocumentName | null {
  const pathname = urlPath.split('?')[0] ?? '';
  if (!pathname.startsWith(prefix)) return null;
  let segment: string;
  try {
    segment = decodeURIComponent(pathname.slice(prefix.length));
  } catch {
    return null;
  }
  return parseDocumentName(segment);
}
