import { describe, expect, it } from 'vitest';
import { applyAwarenessUpdate, Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';

import { notePeers, watchNotePeers } from './presence';

function peer(state: Record<string, unknown>): Awareness {
  const a = new Awareness(new Y.Doc());
  a.setLocalState(state);
  return a;
}

function share(from: Awareness, to: Awareness): void {
  applyAwarenessUpdate(to, encodeAwarenessUpdate(from, [from.clientID]), 'test');
}

describe('note presence', () => {
  it('lists others by name, leaving out this editor and states without a user', () => {
    const me = peer({ user: { name: 'Me', color: '#111' } });
    const asha = peer({ user: { id: 'u1', name: 'Asha', color: '#0a0' } });
    const cursorOnly = peer({ cursor: 1 });
    share(asha, me);
    share(cursorOnly, me);
    expect(notePeers(me)).toEqual([{ clientId: asha.clientID, userId: 'u1', name: 'Asha', color: '#0a0' }]);
  });

  it('replaces a colour that is not a hex colour', () => {
    const me = peer({});
    const odd = peer({ user: { name: 'Ravi', color: 'url(javascript:x)' } });
    share(odd, me);
    expect(notePeers(me)[0]?.color).toBe('#64748b');
  });

  it('reports changes until unsubscribed', () => {
    const me = peer({});
    const seen: string[][] = [];
    const stop = watchNotePeers(me, (peers) => seen.push(peers.map((p) => p.name)));
    share(peer({ user: { name: 'Asha' } }), me);
    stop();
    share(peer({ user: { name: 'Ravi' } }), me);
    expect(seen).toEqual([[], ['Asha']]);
  });
});
