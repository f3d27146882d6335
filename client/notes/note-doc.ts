import { clearDocument, IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import type { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';

/**
 * A collaborative note for the editor: a Y.Doc cached on the device (y-indexeddb), so it opens
 * and takes edits offline, and kept in sync through the server's `/api/notes/<document>`
 * socket, which merges on reconnect. Document names are `task-<id>` or `deal-<id>`.
 */
export interface OpenNoteOptions {
  /** `task-<id>` or `deal-<id>`. */
  readonly doc: string;
  /** The notes endpoint; defaults to `ws(s)://<this host>/api/notes`. */
  readonly url?: string;
  /** Shown to others as presence (the server replaces id and name with the signed-in user's). */
  readonly user?: { readonly name: string; readonly color: string };
  /**
   * Separates device caches of different users of one browser profile, e.g. the user id.
   * Sign-out should call `clearNoteCache` for the notes that user opened.
   */
  readonly cacheScope?: string;
  /** Keep a device copy; on by default. Off for tests or a shared kiosk. */
  readonly cache?: boolean;
  /** Start connected; on by default. */
  readonly connect?: boolean;
  /**
   * Share edits with other tabs of this origin directly (BroadcastChannel); on by default.
   * Off in Node, where every client in the process would otherwise share one channel.
   */
  readonly crossTab?: boolean;
  /** For Node (tests, tools): the `ws` class, with headers for Host and Authorization. */
  readonly WebSocketPolyfill?: typeof WebSocket;
  /**
   * The server refused the document (4401 signed out, 4403 no access, 4404 no such task or
   * deal, 4423 workspace suspended). The provider stops reconnecting; edits stay on the device.
   */
  readonly onRefused?: (refusal: NoteRefusal) => void;
  /**
   * A task created offline is unknown to the server (4404) until its push lands, so after a
   * 4404 the note tries again this often; 0 turns it off. Default 15 s.
   */
  readonly retryUnknownMs?: number;
}

export interface NoteRefusal {
  readonly code: number;
  readonly reason: string;
}

export interface OpenNote {
  readonly ydoc: Y.Doc;
  readonly provider: WebsocketProvider;
  readonly awareness: Awareness;
  /** Null when `cache` is off. */
  readonly persistence: IndexeddbPersistence | null;
  /** Resolves when the device copy is loaded (at once without a cache). */
  readonly whenCached: Promise<void>;
  /** Resolves on the first sync with the server. */
  readonly whenSynced: Promise<void>;
  /** The last refusal, if the server refused this document. */
  refusal(): NoteRefusal | null;
  destroy(): Promise<void>;
}

export function openNote(opts: OpenNoteOptions): OpenNote {
  const ydoc = new Y.Doc();
  const cache = opts.cache ?? true;
  const persistence = cache ? new IndexeddbPersistence(cacheName(opts.doc, opts.cacheScope), ydoc) : null;
  const provider = new WebsocketProvider(opts.url ?? defaultNotesUrl(), opts.doc, ydoc, {
    connect: opts.connect ?? true,
    disableBc: !(opts.crossTab ?? true),
    ...(opts.WebSocketPolyfill ? { WebSocketPolyfill: opts.WebSocketPolyfill } : {}),
  });
  if (opts.user) provider.awareness.setLocalStateField('user', { name: opts.user.name, color: opts.user.color });

  let refused: NoteRefusal | null = null;
  let retry: ReturnType<typeof setTimeout> | undefined;
  const retryUnknownMs = opts.retryUnknownMs ?? 15_000;
  // y-websocket stops reconnecting on 4400-4499 and reports it here.
  provider.on('closed', (event) => {
    refused = { code: event.code, reason: event.reason };
    opts.onRefused?.(refused);
    if (event.code === NOT_FOUND && retryUnknownMs > 0) {
      retry = setTimeout(() => provider.connect(), retryUnknownMs);
    }
  });
  provider.on('sync', (synced: boolean) => {
    if (synced) refused = null;
  });

  const whenSynced = new Promise<void>((resolve) => {
    if (provider.synced) return resolve();
    const onSync = (synced: boolean) => {
      if (!synced) return;
      provider.off('sync', onSync);
      resolve();
    };
    provider.on('sync', onSync);
  });

  return {
    ydoc,
    provider,
    awareness: provider.awareness,
    persistence,
    whenCached: persistence ? persistence.whenSynced.then(() => undefined) : Promise.resolve(),
    whenSynced,
    refusal: () => refused,
    async destroy() {
      clearTimeout(retry);
      provider.destroy();
      await persistence?.destroy();
      ydoc.destroy();
    },
  };
}

/** Remove a note's device copy (after sign-out, or when access was refused). */
export async function clearNoteCache(doc: string, cacheScope?: string): Promise<void> {
  await clearDocument(cacheName(doc, cacheScope));
}

const NOT_FOUND = 4404;

function cacheName(doc: string, scope: string | undefined): string {
  return scope ? `focus-note:${scope}:${doc}` : `focus-note:${doc}`;
}

function defaultNotesUrl(): string {
  const { protocol, host } = window.location;
  return `${protocol === 'https:' ? 'wss' : 'ws'}://${host}/api/notes`;
}
