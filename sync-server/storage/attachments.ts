import { createHash } from 'node:crypto';
import { Transform, type Readable } from 'node:stream';

import { desc, eq } from 'drizzle-orm';

import { appError, err, isAppError, ok, type AppError, type Result } from '../../shared/errors';
import type { AnyPermission } from '../../shared/permissions';
import type { Principal } from '../auth/sessions';
import type { TenantDb } from '../db/connect';
import { attachments } from '../db/tenant/attachments';
import { ownerRowExists } from '../notes/owner';
import type { StoragePort } from './port';

export const MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024;

/**
 * What may be uploaded. No HTML, SVG or scripts: even served as a download, a type a browser
 * can run is not worth the risk.
 */
export const ALLOWED_CONTENT_TYPES: ReadonlySet<string> = new Set([
  'image/jpeg', 'image/png', 'image/gif', 'image/webp', 'image/heic', 'image/heif',
  'application/pdf',
  'application/msword', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.ms-excel', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.ms-powerpoint', 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.oasis.opendocument.text', 'application/vnd.oasis.opendocument.spreadsheet',
  'application/vnd.oasis.opendocument.presentation',
  'audio/webm', 'audio/ogg', 'audio/mp4',
  'text/plain',
]);

export type AttachmentRow = typeof attachments.$inferSelect;
export type OwnerKind = 'task' | 'deal';
export interface AttachmentOwner {
  readonly kind: OwnerKind;
  readonly id: string;
}

const ID = /^[0-9A-Za-z_-]{10,26}$/;
const OWNER_ID = /^[0-9A-Za-z_-]{1,40}$/;

const PERMISSION: Record<OwnerKind, { read: AnyPermission; write: AnyPermission }> = {
  task: { read: 'tasks.read', write: 'tasks.update' },
  deal: { read: 'deals.read', write: 'deals.update' },
};

export function isAttachmentID(id: string): boolean {
  return ID.test(id);
}

/** Exactly one of taskId / dealId, well formed. */
export function parseOwner(taskId: string | undefined, dealId: string | undefined): Result<AttachmentOwner> {
  if ((taskId === undefined) === (dealId === undefined)) return err(appError('validation', 'Give exactly one of taskId and dealId'));
  const kind: OwnerKind = taskId !== undefined ? 'task' : 'deal';
  const id = (taskId ?? dealId)!;
  if (!OWNER_ID.test(id)) return err(appError('validation', `Invalid ${kind} id`));
  return ok({ kind, id });
}

/** The media type without parameters (`audio/webm;codecs=opus` is `audio/webm`), if allowed. */
export function allowedType(raw: string | undefined): string | null {
  const base = (raw ?? '').split(';')[0]!.trim().toLowerCase();
  return ALLOWED_CONTENT_TYPES.has(base) ? base : null;
}

/** A display name: no folders, no control characters, at most 255 characters. */
export function cleanFileName(raw: string | undefined): string {
  const last = (raw ?? '').split(/[/\\]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = last.replace(/[\u0000-\u001f\u007f"]/g, '').trim().slice(0, 255);
  return clean === '' || clean === '.' || clean === '..' ? 'file' : clean;
}

/** Permission, then existence: a user who may not see tasks learns nothing about which exist. */
export async function checkOwner(db: TenantDb, principal: Principal, owner: AttachmentOwner, access: 'read' | 'write'): Promise<AppError | null> {
  const perms = PERMISSION[owner.kind];
  if (!principal.permissions.has(perms.read)) return appError('forbidden', `You need the ${perms.read} permission`);
  if (access === 'write' && !principal.permissions.has(perms.write)) return appError('forbidden', `You need the ${perms.write} permission`);
  if (!(await ownerRowExists(db, owner.kind, owner.id))) return appError('not_found', `No such ${owner.kind}`);
  return null;
}

export function ownerOf(row: AttachmentRow): AttachmentOwner {
  return row.taskId !== null ? { kind: 'task', id: row.taskId } : { kind: 'deal', id: row.dealId! };
}

export interface StoreInput {
  readonly id: string;
  readonly owner: AttachmentOwner;
  readonly name: string;
  readonly contentType: string;
  readonly body: Readable;
  readonly uploadedBy: string;
  readonly now: Date;
}

/**
 * Stream the bytes to storage while hashing and counting them, then record the row. A row is
 * only written once the bytes are stored, and the bytes are removed if the row can't be.
 */
export async function storeAttachment(db: TenantDb, storage: StoragePort, tenant: string, input: StoreInput): Promise<Result<AttachmentRow>> {
  const hash = createHash('sha256');
  let size = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (size > MAX_ATTACHMENT_BYTES) return done(appError('payload_too_large', 'Attachments are limited to 25 MB'));
      hash.update(chunk);
      done(null, chunk);
    },
  });
  // An aborted upload must fail the write, not leave it waiting for more bytes.
  input.body.on('error', (e) => meter.destroy(e));
  try {
    await storage.put(tenant, input.id, input.body.pipe(meter), input.contentType);
  } catch (e) {
    await storage.delete(tenant, input.id).catch(() => undefined);
    if (isAppError(e) && e.code === 'payload_too_large') return err(e);
    throw e;
  }
  if (size === 0) {
    await storage.delete(tenant, input.id);
    return err(appError('validation', 'The file is empty'));
  }
  const row: AttachmentRow = {
    id: input.id,
    taskId: input.owner.kind === 'task' ? input.owner.id : null,
    dealId: input.owner.kind === 'deal' ? input.owner.id : null,
    name: input.name,
    contentType: input.contentType,
    size,
    sha256: hash.digest('hex'),
    uploadedBy: input.uploadedBy,
    createdAt: input.now,
  };
  try {
    await db.insert(attachments).values(row);
  } catch (e) {
    await storage.delete(tenant, input.id).catch(() => undefined);
    throw e;
  }
  return ok(row);
}

export async function findAttachment(db: TenantDb, id: string): Promise<AttachmentRow | null> {
  const [row] = await db.select().from(attachments).where(eq(attachments.id, id));
  return row ?? null;
}

export async function listAttachments(db: TenantDb, owner: AttachmentOwner): Promise<AttachmentRow[]> {
  const column = owner.kind === 'task' ? attachments.taskId : attachments.dealId;
  return db.select().from(attachments).where(eq(column, owner.id)).orderBy(desc(attachments.createdAt));
}

export async function deleteAttachment(db: TenantDb, storage: StoragePort, tenant: string, id: string): Promise<void> {
  await db.delete(attachments).where(eq(attachments.id, id));
  await storage.delete(tenant, id);
}

/** The JSON shape the client sees. */
export function attachmentJson(row: AttachmentRow) {
  return {
    id: row.id, taskId: row.taskId, dealId: row.dealId, name: row.name, contentType: row.contentType,
    size: row.size, sha256: row.sha256, uploadedBy: row.uploadedBy, createdAt: row.createdAt.toISOString(),
  };
}
