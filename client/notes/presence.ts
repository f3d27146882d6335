import type { Awareness } from 'y-protocols/awareness';

/** Who else has a note open, for the editor's "who is here" strip. */
export interface NotePeer {
  /** The Yjs client id: one per open editor, so one user may appear twice (two tabs). */
  readonly clientId: number;
  /** Set by the server from the session; absent only before the server has seen the state. */
  readonly userId: string | null;
  readonly name: string;
  readonly color: string;
}

const FALLBACK_COLOR = '#64748b';

export function notePeers(awareness: Awareness): NotePeer[] {
  const peers: NotePeer[] = [];
  for (const [clientId, state] of awareness.getStates()) {
    if (clientId === awareness.clientID) continue;
    const user = (state as { user?: { id?: unknown; name?: unknown; color?: unknown } }).user;
    if (!user) continue;
    peers.push({
      clientId,
      userId: typeof user.id === 'string' ? user.id : null,
      name: typeof user.name === 'string' ? user.name : 'Someone',
      color: typeof user.color === 'string' && /^#[0-9a-fA-F]{3,8}$/.test(user.color) ? user.color : FALLBACK_COLOR,
    });
  }
  return peers.sort((a, b) => a.name.localeCompare(b.name) || a.clientId - b.clientId);
}

/** Call `listener` with the peers now and whenever they change; returns the unsubscribe. */
export function watchNotePeers(awareness: Awareness, listener: (peers: NotePeer[]) => void): () => void {
  const onChange = () => listener(notePeers(awareness));
  awareness.on('change', onChange);
  onChange();
  return () => awareness.off('change', onChange);
}
