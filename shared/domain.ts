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

/** Fractional index: digits 0-9a-z, compared as strings, never ends in '0'. See `positionBetween`. */
export const positionSchema = z.string().regex(/^[0-9a-z]*[1-9a-z]$/, 'not a position').max(200);

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
 * A position strictly between `before` and `after` (either may be null for "start"/"end").
 * Positions are base-36 fractions compared as plain strings, so moving one deal rewrites only
 * that deal and concurrent moves never renumber their neighbours.
 */
export function positionBetween(before: string | null, after: string | null): string {
  const a = before ?? '';
  if (after !== null && a >= after) throw new Error('positionBetween: before must sort before after');
  return midpoint(a, after);
}

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
