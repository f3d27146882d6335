import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { hostRequest } from '../../sync-server/http/host-client';
import { createTestPlatform, type TestPlatform } from '../helpers/platform';
import { seedOwners, sessionToken, userWithRoles } from '../notes/note-clients';

/** Attachment routes in-process against the real tenant databases and the disk adapter. */
let t: TestPlatform;
let owner: string;
let globexOwner: string;
let accountant: string;

interface Attachment {
  id: string;
  taskId: string | null;
  dealId: string | null;
  name: string;
  contentType: string;
  size: number;
  sha256: string;
}

beforeAll(async () => {
  t = await createTestPlatform();
  await t.tenant('acme');
  await t.tenant('globex');
  await seedOwners(t.p, 'acme', { tasks: ['t1', 't2'], deals: ['d1'] });
  await seedOwners(t.p, 'acme', { tasks: ['gone'], deleted: true });
  await seedOwners(t.p, 'globex', { tasks: ['t1'] });
  owner = await sessionToken(t.p, 'acme', 'owner@acme.test');
  globexOwner = await sessionToken(t.p, 'globex', 'owner@globex.test');
  accountant = await userWithRoles(t.p, 'acme', 'books@acme.test', ['accountant']);
});

afterAll(async () => {
  await t.cleanup();
});

const bearer = (token: string | null): Record<string, string> => (token ? { authorization: `Bearer ${token}` } : {});

function uploadRaw(query: string, body: Uint8Array<ArrayBuffer>, opts: { type: string; name?: string; token?: string | null; host?: string }) {
  return t.request(opts.host ?? 'acme.localhost', `/api/attachments?${query}`, {
    method: 'POST',
    headers: { 'content-type': opts.type, 'x-file-name': encodeURIComponent(opts.name ?? 'file.bin'), ...bearer(opts.token === undefined ? owner : opts.token) },
    body,
  });
}

const download = (id: string, token: string | null = owner, host = 'acme.localhost') =>
  t.request(host, `/api/attachments/${id}`, { headers: bearer(token) });

describe('POST /api/attachments', () => {
  it('stores a raw upload and serves it back as a download', async () => {
    const bytes = randomBytes(10_000);
    const res = await uploadRaw('taskId=t1', bytes, { type: 'application/pdf', name: 'Quote März.pdf' });
    expect(res.status).toBe(201);
    const a = (await res.json()) as Attachment;
    expect(a).toMatchObject({ taskId: 't1', dealId: null, name: 'Quote März.pdf', contentType: 'application/pdf', size: 10_000 });
    expect(a.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(existsSync(path.join(t.dataDir, 'files', 'acme', a.id))).toBe(true);

    const got = await download(a.id);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('application/pdf');
    expect(got.headers.get('content-disposition')).toBe(`attachment; filename="Quote M_rz.pdf"; filename*=UTF-8''Quote%20M%C3%A4rz.pdf`);
    expect(got.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await got.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it('takes a multipart audio note and drops media type parameters', async () => {
    const form = new FormData();
    form.set('dealId', 'd1');
    form.set('file', new File([randomBytes(2048)], 'voice.webm', { type: 'audio/webm;codecs=opus' }));
    const res = await t.request('acme.localhost', '/api/attachments', { method: 'POST', headers: bearer(owner), body: form });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ dealId: 'd1', taskId: null, name: 'voice.webm', contentType: 'audio/webm', size: 2048 });
  });

  it('accepts files over the app-wide 4 MB body limit, up to 25 MB', async () => {
    const res = await uploadRaw('taskId=t1', randomBytes(6 * 1024 * 1024), { type: 'image/jpeg' });
    expect(res.status).toBe(201);
    const big = await uploadRaw('taskId=t1', new Uint8Array(26 * 1024 * 1024), { type: 'image/jpeg' });
    expect(big.status).toBe(413);
  });

  it('passes the app-wide limit on a real server too, where Content-Length is declared', async () => {
    const server = await t.listen();
    const body = randomBytes(5 * 1024 * 1024);
    const res = await hostRequest(server.url, 'acme.localhost', '/api/attachments?taskId=t1', {
      method: 'POST',
      headers: { 'content-type': 'audio/ogg', 'content-length': String(body.length), 'x-file-name': 'memo.ogg', ...bearer(owner) },
      body,
    });
    expect(res.status).toBe(201);
    expect(res.json<Attachment>().size).toBe(body.length);
  });

  it('refuses types outside the list, empty files and bad targets', async () => {
    expect((await uploadRaw('taskId=t1', Buffer.from('<svg/>'), { type: 'image/svg+xml' })).status).toBe(400);
    expect((await uploadRaw('taskId=t1', Buffer.from('<p>'), { type: 'text/html' })).status).toBe(400);
    expect((await uploadRaw('taskId=t1', new Uint8Array(0), { type: 'text/plain' })).status).toBe(400);
    expect((await uploadRaw('taskId=t1&dealId=d1', Buffer.from('x'), { type: 'text/plain' })).status).toBe(400);
    expect((await uploadRaw('', Buffer.from('x'), { type: 'text/plain' })).status).toBe(400);
    expect((await uploadRaw('taskId=../../x', Buffer.from('x'), { type: 'text/plain' })).status).toBe(400);
  });

  it('refuses a task that does not exist or was deleted', async () => {
    expect((await uploadRaw('taskId=nope', Buffer.from('x'), { type: 'text/plain' })).status).toBe(404);
    expect((await uploadRaw('taskId=gone', Buffer.from('x'), { type: 'text/plain' })).status).toBe(404);
  });

  it('needs a session of this tenant and the update permission', async () => {
    expect((await uploadRaw('taskId=t1', Buffer.from('x'), { type: 'text/plain', token: null })).status).toBe(401);
    expect((await uploadRaw('taskId=t1', Buffer.from('x'), { type: 'text/plain', token: globexOwner })).status).toBe(401);
    // The accountant reads tasks but may not change them.
    expect((await uploadRaw('taskId=t1', Buffer.from('x'), { type: 'text/plain', token: accountant })).status).toBe(403);
  });

  it('answers a retried upload with the first one, and refuses a taken id to anyone else', async () => {
    const first = await uploadRaw('taskId=t2&id=01JRETRYRETRYRETRY0000001', Buffer.from('once'), { type: 'text/plain' });
    expect(first.status).toBe(201);
    const again = await uploadRaw('taskId=t2&id=01JRETRYRETRYRETRY0000001', Buffer.from('once'), { type: 'text/plain' });
    expect(again.status).toBe(200);
    expect(((await again.json()) as Attachment).id).toBe('01JRETRYRETRYRETRY0000001');
    const manager = await userWithRoles(t.p, 'acme', 'manager@acme.test', ['manager']);
    const other = await uploadRaw('taskId=t2&id=01JRETRYRETRYRETRY0000001', Buffer.from('x'), { type: 'text/plain', token: manager });
    expect(other.status).toBe(409);
  });
});

describe('GET and DELETE /api/attachments', () => {
  let id: string;

  beforeAll(async () => {
    const res = await uploadRaw('taskId=t2', Buffer.from('site photo'), { type: 'image/png', name: 'photo.png' });
    id = ((await res.json()) as Attachment).id;
  });

  it('lists the attachments of a task', async () => {
    const res = await t.request('acme.localhost', '/api/attachments?taskId=t2', { headers: bearer(owner) });
    const body = (await res.json()) as { attachments: Attachment[] };
    expect(body.attachments.map((a) => a.id)).toContain(id);
    expect(body.attachments.every((a) => a.taskId === 't2')).toBe(true);
  });

  it('lets a reader download but not delete', async () => {
    expect((await download(id, accountant)).status).toBe(200);
    const del = await t.request('acme.localhost', `/api/attachments/${id}`, { method: 'DELETE', headers: bearer(accountant) });
    expect(del.status).toBe(403);
  });

  it('refuses users without access, and other tenants see nothing', async () => {
    const nobody = await userWithRoles(t.p, 'acme', 'nobody@acme.test', []);
    expect((await download(id, nobody)).status).toBe(403);
    expect((await download(id, null)).status).toBe(401);
    expect((await download(id, globexOwner)).status).toBe(401);
    // Signed in to globex, on globex's host, the acme id is not there at all.
    expect((await download(id, globexOwner, 'globex.localhost')).status).toBe(404);
    expect((await download('..%2F..%2Fetc%2Fpasswd')).status).toBe(404);
  });

  it('deletes the row and the bytes', async () => {
    const del = await t.request('acme.localhost', `/api/attachments/${id}`, { method: 'DELETE', headers: bearer(owner) });
    expect(del.status).toBe(204);
    expect((await download(id)).status).toBe(404);
    expect(existsSync(path.join(t.dataDir, 'files', 'acme', id))).toBe(false);
  });
});
