import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';

import type { Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';

import { appError } from '../../shared/errors';
import { newID } from '../../shared/ids';
import { requireSession, type AuthedEnv } from '../auth/middleware';
import { problem } from '../http/problem';
import { requireTenant, type AppEnv } from '../http/tenant-context';
import type { Platform } from '../platform/platform';
import {
  allowedType, ALLOWED_CONTENT_TYPES, attachmentJson, checkOwner, cleanFileName, deleteAttachment, findAttachment,
  isAttachmentID, listAttachments, MAX_ATTACHMENT_BYTES, ownerOf, parseOwner, storeAttachment,
} from './attachments';
import { storagePort } from './storage';

/** Exempt from the app-wide 4 MB body limit (http/app.ts); this route sets its own. */
export const ATTACHMENT_UPLOAD_PATH = '/api/attachments';

/** Some slack over the file limit for multipart framing; the file itself is counted exactly. */
const UPLOAD_BODY_LIMIT = MAX_ATTACHMENT_BYTES + 64 * 1024;

/**
 * Attachments and audio notes of tasks and deals:
 * - `POST /api/attachments?taskId=…|dealId=…[&id=…]` with the raw file as the body
 *   (`content-type`, `x-file-name` URL-encoded), or multipart with `file`, `taskId`/`dealId`,
 *   and optionally `id`. `id` (10-26 of `[0-9A-Za-z_-]`, e.g. a ULID made on the device) makes a
 *   retried upload from the offline queue answer the first one instead of storing twice.
 * - `GET /api/attachments?taskId=…|dealId=…` lists; `GET /api/attachments/:id` downloads;
 *   `DELETE /api/attachments/:id` removes.
 * Reading needs the owner's read permission, uploading and deleting its update permission.
 */
export function attachmentRoutes(app: Hono<AppEnv>, p: Platform): void {
  const tenant = requireTenant(p);
  const limit = bodyLimit({
    maxSize: UPLOAD_BODY_LIMIT,
    onError: (c) => problem(c, appError('payload_too_large', 'Attachments are limited to 25 MB')),
  });

  app.post(ATTACHMENT_UPLOAD_PATH, tenant, requireSession(p), limit, (c) => upload(c, p));

  app.get(ATTACHMENT_UPLOAD_PATH, tenant, requireSession(p), async (c) => {
    const owner = parseOwner(c.req.query('taskId'), c.req.query('dealId'));
    if (!owner.ok) return problem(c, owner.error);
    const db = c.get('tenant').conn.db;
    const refused = await checkOwner(db, c.get('principal'), owner.value, 'read');
    if (refused) return problem(c, refused);
    return c.json({ attachments: (await listAttachments(db, owner.value)).map(attachmentJson) });
  });

  app.get(`${ATTACHMENT_UPLOAD_PATH}/:id`, tenant, requireSession(p), async (c) => {
    const found = await visibleAttachment(c, 'read');
    if (found instanceof Response) return found;
    const slug = c.get('tenant').tenant.slug;
    const object = await storagePort(p).get(slug, found.id);
    if (!object) {
      c.get('log').error({ attachment: found.id }, 'attachment row without stored bytes');
      return problem(c, appError('not_found', 'This file is no longer available'));
    }
    return new Response(Readable.toWeb(object.body) as ReadableStream, {
      status: 200,
      headers: {
        'content-type': found.contentType,
        'content-length': String(object.size),
        // Always a download, never rendered in our origin; nosniff stops type guessing.
        'content-disposition': contentDisposition(found.name),
        'x-content-type-options': 'nosniff',
        'cache-control': 'private, no-cache',
        etag: `"${found.sha256}"`,
      },
    });
  });

  app.delete(`${ATTACHMENT_UPLOAD_PATH}/:id`, tenant, requireSession(p), async (c) => {
    const found = await visibleAttachment(c, 'write');
    if (found instanceof Response) return found;
    await deleteAttachment(c.get('tenant').conn.db, storagePort(p), c.get('tenant').tenant.slug, found.id);
    return c.body(null, 204);
  });
}

async function upload(c: Context<AuthedEnv>, p: Platform): Promise<Response> {
  const form = await readUpload(c);
  if (form instanceof Response) return form;

  const owner = parseOwner(form.taskId, form.dealId);
  if (!owner.ok) return problem(c, owner.error);
  const id = form.id ?? newID();
  if (!isAttachmentID(id)) return problem(c, appError('validation', 'Invalid attachment id'));
  const contentType = allowedType(form.contentType);
  if (!contentType) {
    return problem(c, appError('validation', 'This kind of file can not be attached', { allowed: [...ALLOWED_CONTENT_TYPES] }));
  }

  const { conn, tenant } = c.get('tenant');
  const principal = c.get('principal');
  const refused = await checkOwner(conn.db, principal, owner.value, 'write');
  if (refused) return problem(c, refused);

  const existing = await findAttachment(conn.db, id);
  if (existing) {
    // A retry of an upload whose answer was lost: same uploader, same owner, same id.
    const same = existing.uploadedBy === principal.userId && ownerOf(existing).id === owner.value.id;
    return same ? c.json(attachmentJson(existing), 200) : problem(c, appError('conflict', 'That attachment id is taken'));
  }

  const stored = await storeAttachment(conn.db, storagePort(p), tenant.slug, {
    id, owner: owner.value, name: form.name, contentType, body: form.body, uploadedBy: principal.userId, now: p.now(),
  });
  if (!stored.ok) return problem(c, stored.error);
  c.get('log').info({ attachment: id, size: stored.value.size }, 'attachment stored');
  return c.json(attachmentJson(stored.value), 201);
}

interface UploadForm {
  readonly taskId: string | undefined;
  readonly dealId: string | undefined;
  readonly id: string | undefined;
  readonly name: string;
  readonly contentType: string | undefined;
  readonly body: Readable;
}

/** Multipart (a browser form or FormData) or the raw file as the request body. */
async function readUpload(c: Context<AuthedEnv>): Promise<UploadForm | Response> {
  const type = c.req.header('content-type') ?? '';
  if (type.startsWith('multipart/form-data')) {
    const fields = await c.req.parseBody();
    const file = fields.file;
    if (!(file instanceof File)) return problem(c, appError('validation', 'Send the file in a "file" field'));
    const text = (k: string) => (typeof fields[k] === 'string' ? (fields[k] as string) : undefined);
    return {
      taskId: text('taskId'), dealId: text('dealId'), id: text('id'), name: cleanFileName(file.name), contentType: file.type,
      body: Readable.fromWeb(file.stream() as NodeReadableStream),
    };
  }
  const raw = c.req.raw.body;
  if (!raw) return problem(c, appError('validation', 'The request has no file'));
  let name: string;
  try {
    name = cleanFileName(decodeURIComponent(c.req.header('x-file-name') ?? ''));
  } catch {
    return problem(c, appError('validation', 'x-file-name must be URL-encoded'));
  }
  return {
    taskId: c.req.query('taskId'), dealId: c.req.query('dealId'), id: c.req.query('id'), name, contentType: type,
    body: Readable.fromWeb(raw as NodeReadableStream),
  };
}

/** The attachment, if it is in this tenant and the user may see (or change) its task or deal. */
async function visibleAttachment(c: Context<AuthedEnv>, access: 'read' | 'write') {
  const id = c.req.param('id') ?? '';
  if (!isAttachmentID(id)) return problem(c, appError('not_found', 'No such attachment'));
  const db = c.get('tenant').conn.db;
  // Looked up in this tenant's own database: another tenant's id is simply not there.
  const row = await findAttachment(db, id);
  if (!row) return problem(c, appError('not_found', 'No such attachment'));
  const refused = await checkOwner(db, c.get('principal'), ownerOf(row), access);
  if (refused) return problem(c, refused);
  return row;
}

/** RFC 6266: an ASCII fallback plus the exact name in UTF-8. */
function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
