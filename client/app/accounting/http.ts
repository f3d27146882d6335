/**
 * Calls to the accounting API on the tenant host. Same-origin fetches carry the HttpOnly
 * session cookie, so no token is handled here; a 401 marks the session expired (the app then
 * asks to sign in again and keeps every device draft). Errors come back as plain words from
 * the server's problem document, and a request that never got an answer says so (`offline`),
 * which is what lets drafts wait for the network instead of failing.
 */
import { markSessionExpired, problemMessage } from '../session';
import type { Reply } from './draft-posting';

const OFFLINE_MESSAGE = 'No connection. This will work again once you are back online.';

async function send(url: string, init: RequestInit): Promise<Reply<Response>> {
  try {
    const res = await fetch(url, { ...init, credentials: 'same-origin' });
    if (res.status === 401) markSessionExpired();
    if (res.ok) return { ok: true, value: res };
    const body: unknown = await res.json().catch(() => null);
    return { ok: false, offline: false, message: problemMessage(body, res.status) };
  } catch {
    return { ok: false, offline: true, message: OFFLINE_MESSAGE };
  }
}

async function json(reply: Reply<Response>): Promise<Reply<unknown>> {
  if (!reply.ok) return reply;
  try {
    return { ok: true, value: (await reply.value.json()) as unknown };
  } catch {
    return { ok: false, offline: false, message: 'The server sent an answer we could not read.' };
  }
}

export async function getJson(url: string): Promise<Reply<unknown>> {
  return json(await send(url, { headers: { accept: 'application/json' } }));
}

export async function postJson(url: string, body: unknown): Promise<Reply<unknown>> {
  return json(
    await send(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
    }),
  );
}

/**
 * Fetches a file and hands it to the browser as a download named `filename`. Fetching first
 * (rather than following a link) means a refusal shows as a message, not as a saved error page.
 */
export async function download(url: string, filename: string): Promise<Reply<null>> {
  const reply = await send(url, {});
  if (!reply.ok) return reply;
  const blob = await reply.value.blob();
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  // The click has started the download; the object URL can go once the event loop moves on.
  setTimeout(() => URL.revokeObjectURL(href), 0);
  return { ok: true, value: null };
}

/** `path?company=…&…`, leaving out empty values. */
export function apiUrl(path: string, query: Readonly<Record<string, string>>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== '') q.set(k, v);
  const text = q.toString();
  return text === '' ? path : `${path}?${text}`;
}
