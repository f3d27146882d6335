import { useStore, createStore } from './lib/store';

/** Who is signed in on this device. Kept in localStorage so the app opens offline. */
export interface Session {
  readonly userId: string;
  readonly name: string;
  readonly email: string;
  /** Bearer token for the sync client; the HttpOnly cookie covers same-origin fetches. */
  readonly token: string;
  /** Waiting for new-device approval (the code e-mailed to the user). */
  readonly limited: boolean;
}

const SESSION_KEY = 'focus.session';
const DEVICE_KEY = 'focus.deviceId';

export const session = createStore<Session | null>(load());

/**
 * Set when the server answers 401 to a signed-in device: the app shows "session expired" and
 * the sign-in form, keeping the replica and every draft so nothing typed is lost.
 */
export const sessionExpired = createStore(false);

export function useSession(): Session | null {
  return useStore(session);
}

function load(): Session | null {
  try {
    const raw = localStorage.getItem(SESSION_KEY);
    if (raw === null) return null;
    const s = JSON.parse(raw) as Partial<Session>;
    if (typeof s.userId !== 'string' || typeof s.token !== 'string') return null;
    return { userId: s.userId, name: s.name ?? '', email: s.email ?? '', token: s.token, limited: s.limited === true };
  } catch {
    return null;
  }
}

function save(s: Session | null): void {
  try {
    if (s === null) localStorage.removeItem(SESSION_KEY);
    else localStorage.setItem(SESSION_KEY, JSON.stringify(s));
  } catch {
    // Storage full or blocked: the session still works until the tab closes.
  }
  session.set(s);
}

/**
 * A random id for this browser profile, made once. The server asks for approval the first time
 * it sees a device id for a user when the tenant requires it.
 */
export function deviceId(): string {
  try {
    const existing = localStorage.getItem(DEVICE_KEY);
    if (existing !== null) return existing;
    const id = crypto.randomUUID();
    localStorage.setItem(DEVICE_KEY, id);
    return id;
  } catch {
    return 'no-storage';
  }
}

export type SignInResult =
  | { readonly ok: true; readonly limited: boolean }
  | { readonly ok: false; readonly message: string };

export async function signIn(email: string, password: string): Promise<SignInResult> {
  const res = await postJson('/api/auth/login', { email, password, deviceId: deviceId() });
  if (!res.ok) return { ok: false, message: res.message };
  const parsed = parseSession(res.body);
  if (parsed === null) return { ok: false, message: 'The server sent an answer we could not read. Try again.' };
  save(parsed);
  sessionExpired.set(false);
  return { ok: true, limited: parsed.limited };
}

/** Second step on a new device: the code from the approval e-mail. */
export async function verifyDevice(code: string): Promise<SignInResult> {
  const current = session.get();
  if (current === null) return { ok: false, message: 'Sign in first.' };
  const res = await postJson('/api/auth/device/verify', { code: code.trim(), deviceId: deviceId() }, current.token);
  if (!res.ok) return { ok: false, message: res.message };
  const refreshed = parseSession(res.body);
  save(refreshed !== null ? { ...refreshed, limited: false } : { ...current, limited: false });
  return { ok: true, limited: false };
}

export async function signOut(): Promise<void> {
  const current = session.get();
  save(null);
  if (current !== null) {
    // Best effort: offline, the server session simply expires; this device forgets it now.
    await postJson('/api/auth/logout', {}, current.token).catch(() => undefined);
  }
}

/** Called by data code on a 401 from the server. */
export function markSessionExpired(): void {
  if (session.get() !== null) sessionExpired.set(true);
}

function parseSession(body: unknown): Session | null {
  if (typeof body !== 'object' || body === null) return null;
  const b = body as { token?: unknown; user?: Record<string, unknown>; limited?: unknown };
  const user = b.user ?? {};
  const id = user.id ?? user.userId;
  if (typeof b.token !== 'string' || typeof id !== 'string') return null;
  return {
    userId: id,
    name: typeof user.name === 'string' ? user.name : '',
    email: typeof user.email === 'string' ? user.email : '',
    token: b.token,
    limited: b.limited === true || user.limited === true,
  };
}

type PostResult = { ok: true; body: unknown } | { ok: false; message: string; status: number };

/** POST JSON; errors come back as the problem document's plain-words `detail`. */
export async function postJson(url: string, body: unknown, token?: string): Promise<PostResult> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  let res: Response;
  try {
    res = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body), credentials: 'same-origin' });
  } catch {
    return { ok: false, status: 0, message: 'No connection. Check your network and try again.' };
  }
  const json: unknown = await res.json().catch(() => null);
  if (res.ok) return { ok: true, body: json };
  return { ok: false, status: res.status, message: problemMessage(json, res.status) };
}

export function problemMessage(json: unknown, status: number): string {
  if (typeof json === 'object' && json !== null) {
    const p = json as { detail?: unknown; title?: unknown };
    if (typeof p.detail === 'string' && p.detail !== '') return p.detail;
    if (typeof p.title === 'string' && p.title !== '') return p.title;
  }
  if (status === 401) return 'That e-mail and password do not match.';
  if (status === 429) return 'Too many attempts. Wait a minute and try again.';
  return `Something went wrong on the server (${status}). Try again.`;
}
