import type { IncomingHttpHeaders } from 'node:http';

import type { AnyPermission } from '../../shared/permissions';
import { findSession, type Principal } from '../auth/sessions';
import type { Site } from '../http/host';
import { SESSION_COOKIE } from '../http/security';
import type { Platform } from '../platform/platform';
import type { TenantRecord } from '../tenancy/tenant-record';
import type { NoteDocumentName, NoteOwnerKind } from './document-name';
import { noteOwnerExists } from './owner';

/**
 * Close codes for a refused note socket. The y-websocket client stops reconnecting on
 * 4400-4499, so a refusal is sent as an accepted socket closed with one of these; a plain
 * HTTP 401 on the upgrade would make it retry forever.
 */
export const NoteClose = {
  BadMessage: 4400,
  Unauthenticated: 4401,
  Forbidden: 4403,
  NotFound: 4404,
  Suspended: 4423,
} as const;
export type NoteClose = (typeof NoteClose)[keyof typeof NoteClose];

export type NoteAccess =
  | { readonly ok: true; readonly tenant: TenantRecord; readonly principal: Principal; readonly token: string; readonly canWrite: boolean }
  | { readonly ok: false; readonly code: NoteClose; readonly reason: string };

const READ: Record<NoteOwnerKind, AnyPermission> = { task: 'tasks.read', deal: 'deals.read' };

/**
 * Who may open a note, checked in this order: the Host names an active tenant, the session
 * belongs to that tenant's database (a token of another tenant is simply unknown there), the
 * user may read the task or deal, and the task or deal exists. Writing needs `notes.edit`.
 */
export async function authorizeNote(
  p: Platform,
  site: Site,
  headers: IncomingHttpHeaders,
  doc: NoteDocumentName | null,
): Promise<NoteAccess> {
  if (site.kind !== 'tenant') return refuse(NoteClose.NotFound, 'not a tenant workspace');
  const tenant = await p.tenantCache.get(site.slug);
  if (!tenant) return refuse(NoteClose.NotFound, 'unknown workspace');
  if (tenant.status === 'suspended') return refuse(NoteClose.Suspended, 'workspace suspended');
  if (tenant.status !== 'active') return refuse(NoteClose.NotFound, 'workspace not available');

  const token = tokenFromHeaders(headers);
  if (!token) return refuse(NoteClose.Unauthenticated, 'sign in to continue');
  const principal = await findSession(p.pools.get(tenant).db, token, p.now());
  if (!principal) return refuse(NoteClose.Unauthenticated, 'session expired');
  if (principal.limited) return refuse(NoteClose.Forbidden, 'device waiting for approval');

  if (!doc) return refuse(NoteClose.NotFound, 'unknown document');
  const rights = noteRights(principal, doc.kind);
  if (!rights.read) return refuse(NoteClose.Forbidden, `needs ${READ[doc.kind]}`);
  if (!(await noteOwnerExists(p.pools.get(tenant).db, doc))) return refuse(NoteClose.NotFound, 'no such document');

  return { ok: true, tenant, principal, token, canWrite: rights.write };
}

export function noteRights(principal: Principal, kind: NoteOwnerKind): { read: boolean; write: boolean } {
  const read = principal.permissions.has(READ[kind]);
  return { read, write: read && principal.permissions.has('notes.edit') };
}

/** Bearer token (Node clients) or the session cookie (browsers send it on the upgrade). */
export function tokenFromHeaders(headers: IncomingHttpHeaders): string | null {
  const auth = headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim() || null;
  for (const part of (headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === SESSION_COOKIE) {
      const value = part.slice(eq + 1).trim();
      try {
        return decodeURIComponent(value) || null;
      } catch {
        return null;
      }
    }
  }
  return null;
}

function refuse(code: NoteClose, reason: string): NoteAccess {
  return { ok: false, code, reason };
}
