import { z } from 'zod';

/**
 * CRM entities as they live in a device's replica (docs/sync.md, section "Replica keys").
 * Values are plain JSON; personal fields are plaintext here and encrypted only at rest on the
 * server. Every entity carries `createdAt`/`updatedAt` as ISO-8601 strings.
 */

/** Client-generated ids (ULID or any 1-40 char url-safe string) make offline creation possible. */
export const idSchema = z.string().regex(/^[0-9A-Za-z_-]{1,40}$/, 'not an id');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
const isoTime = z.string().datetime({ offset: true });
const text = (max: number) => z.string().trim().max(max);
const optionalText = (max: number) => text(max).nullable();

/** Kanban order key, compared as a plain string. See `positionBetween`. */
export const positionSchema = z.string().max(200).refine((k) => isPosition(k), 'not a position');

export const DEAL_STAGES = ['lead', 'qualified', 'proposal', 'negotiation', 'won', 'lost'] as const;
export type DealStage = (typeof DEAL_STAGES)[number];
export const TASK_STATUSES = ['todo', 'in_progress', 'blocked', 'done'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
export const TASK_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type TaskPriority = (typeof TASK_PRIORITIES)[number];

const timestamps = { createdAt: isoTime, updatedAt: isoTime };

// Field shapes shared by an entity, its create arguments (mutators add defaults there) and its
// update arguments (all optional). No defaults here: zod applies defaults inside `.partial()`,
// which would turn a partial update into a reset of every omitted field.
export const companyFields = {
  name: text(200).min(1),
  gstin: optionalText(15),
  website: optionalText(300),
  industry: optionalText(120),
};

export const contactFields = {
  name: text(200).min(1),
  /** Personal field: encrypted at rest. */
  email: z.string().trim().toLowerCase().email().max(254).nullable(),
  /** Personal field: encrypted at rest. */
  phone: optionalText(40),
  companyId: idSchema.nullable(),
  title: optionalText(120),
  /** Personal field: encrypted at rest. */
  address: optionalText(1000),
  notes: optionalText(10_000),
};

export const dealFields = {
  title: text(200).min(1),
  stage: z.enum(DEAL_STAGES),
  /** Integer paise (1 INR = 100 paise); never a float. */
  valuePaise: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  currency: z.literal('INR'),
  ownerId: idSchema.nullable(),
  expectedClose: isoDate.nullable(),
  probability: z.number().int().min(0).max(100),
  lostReason: optionalText(500),
  companyId: idSchema.nullable(),
  contactId: idSchema.nullable(),
  /** Kanban order inside a stage. */
  position: positionSchema,
};

export const taskFields = {
  title: text(300).min(1),
  status: z.enum(TASK_STATUSES),
  assigneeId: idSchema.nullable(),
  dueDate: isoDate.nullable(),
  priority: z.enum(TASK_PRIORITIES),
  dealId: idSchema.nullable(),
  contactId: idSchema.nullable(),
};

export const commentFields = {
  taskId: idSchema,
  body: text(10_000).min(1),
  /** User ids mentioned with @. */
  mentions: z.array(idSchema).max(50),
};

export const companySchema = z.object({ id: idSchema, ...companyFields, ...timestamps });
export const contactSchema = z.object({ id: idSchema, ...contactFields, ...timestamps });
export const dealSchema = z.object({ id: idSchema, ...dealFields, ...timestamps });
export const taskSchema = z.object({
  id: idSchema,
  ...taskFields,
  createdBy: idSchema,
  /** Maintained by addComment/deleteComment; lets lists show a count without a scan. */
  commentCount: z.number().int().min(0),
  ...timestamps,
});
export const commentSchema = z.object({
  id: idSchema,
  ...commentFields,
  authorId: idSchema,
  ...timestamps,
});

export type Company = z.output<typeof companySchema>;
export type Contact = z.output<typeof contactSchema>;
export type Deal = z.output<typeof dealSchema>;
export type Task = z.output<typeof taskSchema>;
export type Comment = z.output<typeof commentSchema>;

/** A colleague, as every member of the tenant sees them (for owner/assignee/@mention pickers). */
export const userSummarySchema = z.object({ id: idSchema, name: z.string(), active: z.boolean() });
export type UserSummary = z.output<typeof userSummarySchema>;

/** `meta/me`: who this replica belongs to and what they may do (the UI hides modules from it). */
export interface Me {
  readonly userId: string;
  readonly name: string;
  readonly email: string;
  readonly tenant: string;
  readonly permissions: readonly string[];
  readonly modules: readonly string[];
}

/** `rejection/<clientID>/<mutationID>`: why the server refused one of this device's mutations. */
export interface Rejection {
  readonly clientID: string;
  readonly mutationID: number;
  readonly name: string;
  readonly code: string;
  readonly message: string;
  readonly at: string;
}

/** Key prefixes of the replica. Each entity key is `<prefix><id>`. */
export const KEY_PREFIX = {
  company: 'company/',
  contact: 'contact/',
  deal: 'deal/',
  task: 'task/',
  comment: 'comment/',
  user: 'user/',
  rejection: 'rejection/',
  meta: 'meta/',
} as const;
export type EntityKind = 'company' | 'contact' | 'deal' | 'task' | 'comment';

export const META_ME_KEY = 'meta/me';

export function entityKey(kind: EntityKind | 'user', id: string): string {
  return `${KEY_PREFIX[kind]}${id}`;
}

const DIGITS = '0123456789abcdefghijklmnopqrstuvwxyz';

/**
 * A position strictly between `before` and `after` (null for "start" / "end"). Positions sort
 * as plain strings, so moving one deal rewrites only that deal and concurrent moves never
 * renumber their neighbours.
 *
 * Format: an integer part, then an optional fraction. The integer part is a head letter giving
 * its digit count (`a` 1 digit, `b` 2, ...; `Z` 1 digit, `Y` 2, ... for values below `a0`),
 * then base-36 digits; the fraction is base-36 digits not ending in `0`. Appending or
 * prepending steps the integer, so a column of n appended deals has keys of O(log n) length;
 * only repeated inserts between the same two neighbours grow the fraction.
 */
export function positionBetween(before: string | null, after: string | null): string {
  if (before !== null && after !== null && before >= after) throw new Error('positionBetween: before must sort before after');
  if (before === null && after === null) return 'a0';
  if (after === null) return increment(parsePosition(before ?? 'a0').int);
  if (before === null) {
    const b = parsePosition(after);
    return b.frac !== '' ? b.int : decrement(b.int);
  }
  const a = parsePosition(before);
  const b = parsePosition(after);
  if (a.int === b.int) return a.int + midpoint(a.frac, b.frac);
  const next = increment(a.int);
  return next < after ? next : a.int + midpoint(a.frac, null);
}

/** True if `key` is a well-formed position. */
export function isPosition(key: string): boolean {
  try {
    parsePosition(key);
    return true;
  } catch {
    return false;
  }
}

function intLength(head: string): number {
  const code = head.charCodeAt(0);
  if (code >= 97 && code <= 122) return code - 96;
  if (code >= 65 && code <= 90) return 91 - code;
  throw new Error(`not a position head: ${head}`);
}

function parsePosition(key: string): { int: string; frac: string } {
  const n = intLength(key.slice(0, 1));
  const int = key.slice(0, n + 1);
  const frac = key.slice(n + 1);
  if (int.length !== n + 1 || ![...key.slice(1)].every((ch) => DIGITS.includes(ch)) || frac.endsWith('0')) {
    throw new Error(`not a position: ${key}`);
  }
  return { int, frac };
}

/** The next integer part; past the last n-digit value comes the first (n+1)-digit one. */
function increment(int: string): string {
  const head = int.slice(0, 1);
  const digits = bump(int.slice(1), 1);
  if (digits !== null) return head + digits;
  if (head === 'z') throw new Error('positionBetween: out of room');
  if (head === 'Z') return 'a0';
  const next = String.fromCharCode(head.charCodeAt(0) + 1);
  return next + '0'.repeat(intLength(next));
}

function decrement(int: string): string {
  const head = int.slice(0, 1);
  const digits = bump(int.slice(1), -1);
  if (digits !== null) return head + digits;
  if (head === 'A') throw new Error('positionBetween: out of room');
  if (head === 'a') return 'Zz';
  const prev = String.fromCharCode(head.charCodeAt(0) - 1);
  return prev + 'z'.repeat(intLength(prev));
}

/** Add ±1 to a fixed-width base-36 numeral; null on overflow/underflow. */
function bump(digits: string, delta: 1 | -1): string | null {
  const out = [...digits];
  for (let i = out.length - 1; i >= 0; i--) {
    const d = DIGITS.indexOf(out[i] ?? '0') + delta;
    if (d >= 0 && d < DIGITS.length) {
      out[i] = DIGITS[d] ?? '0';
      return out.join('');
    }
    out[i] = delta === 1 ? '0' : 'z';
  }
  return null;
}

/** A fraction strictly between `a` and `b` (b null: no upper bound); never ends in '0'. */
function midpoint(a: string, b: string | null): string {
  let n = 0;
  while (b !== null && n < b.length && (a[n] ?? '0') === b[n]) n++;
  if (n > 0) return (b ?? '').slice(0, n) + midpoint(a.slice(n), b === null ? null : b.slice(n));

  const lo = a.length > 0 ? DIGITS.indexOf(a[0] ?? '0') : 0;
  const hi = b !== null && b.length > 0 ? DIGITS.indexOf(b[0] ?? '0') : DIGITS.length;
  if (hi - lo > 1) return DIGITS[Math.round((lo + hi) / 2)] ?? 'h';

  // Adjacent first digits: keep `a`'s digit and find room after it.
  if (b !== null && b.length > 1) return b.slice(0, 1);
  return (DIGITS[lo] ?? '0') + midpoint(a.slice(1), null);
}
