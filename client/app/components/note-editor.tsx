import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { EditorContent, useEditor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { useEffect, useState } from 'react';

import { openNote, type NoteRefusal, type OpenNote } from '../../notes/note-doc';
import { useSession } from '../session';

/** A stable colour per user, so everyone sees the same person in the same colour. */
export function colourFor(id: string): string {
  let h = 0;
  for (const ch of id) h = (h * 31 + ch.charCodeAt(0)) % 360;
  return `hsl(${h} 70% 42%)`;
}

interface Peer {
  readonly clientId: number;
  readonly name: string;
  readonly color: string;
}

/**
 * The collaborative rich-text note of a task or deal (`task-<id>` / `deal-<id>`): TipTap bound
 * to the notes Y.Doc, with the names and carets of everyone else in it. The device copy
 * (y-indexeddb) opens at once and takes edits offline; they merge when the socket returns.
 */
export function NoteEditor({ doc }: { readonly doc: string }) {
  const session = useSession();
  const [note, setNote] = useState<OpenNote | null>(null);
  const [refusal, setRefusal] = useState<NoteRefusal | null>(null);
  const userId = session?.userId ?? 'anonymous';
  const name = session?.name || session?.email || 'Someone';

  useEffect(() => {
    const opened = openNote({ doc, user: { name, color: colourFor(userId) }, cacheScope: userId, onRefused: setRefusal });
    setNote(opened);
    return () => {
      setNote(null);
      void opened.destroy();
    };
  }, [doc, userId, name]);

  if (note === null) return null;
  return (
    <div className="note">
      {refusal !== null && (
        <p className="banner warn" role="alert">
          {refusal.code === 4401
            ? 'Your session has expired, so this note is not syncing. Your edits are kept on this device.'
            : 'You no longer have access to this note. Your edits are kept on this device only.'}
        </p>
      )}
      <NoteBody key={doc} note={note} user={{ name, color: colourFor(userId) }} />
    </div>
  );
}

function NoteBody({ note, user }: { readonly note: OpenNote; readonly user: { name: string; color: string } }) {
  const [peers, setPeers] = useState<readonly Peer[]>([]);
  const editor = useEditor({
    extensions: [
      // Undo history comes from Yjs (per user), not ProseMirror's, or undo would revert others.
      StarterKit.configure({ undoRedo: false }),
      Collaboration.configure({ document: note.ydoc }),
      CollaborationCaret.configure({ provider: note.provider, user }),
    ],
    editorProps: { attributes: { class: 'note-body', 'aria-label': 'Notes', role: 'textbox', 'aria-multiline': 'true' } },
  }, [note]);

  useEffect(() => {
    const awareness = note.awareness;
    const update = () => {
      const list: Peer[] = [];
      for (const [clientId, state] of awareness.getStates()) {
        const u = (state as { user?: { name?: unknown; color?: unknown } }).user;
        if (clientId === awareness.clientID || typeof u?.name !== 'string') continue;
        list.push({ clientId, name: u.name, color: typeof u.color === 'string' ? u.color : '#888' });
      }
      setPeers(list);
    };
    awareness.on('change', update);
    update();
    return () => awareness.off('change', update);
  }, [note]);

  return (
    <>
      <div className="presence" aria-label="Also here">
        {peers.length === 0 ? <span className="muted">Only you</span> : peers.map((p) => (
          <span key={p.clientId} className="peer" style={{ background: p.color }} title={p.name}>{p.name}</span>
        ))}
      </div>
      <div className="note-toolbar" role="toolbar" aria-label="Formatting">
        <button type="button" onClick={() => editor?.chain().focus().toggleBold().run()} aria-pressed={editor?.isActive('bold') ?? false}><b>B</b></button>
        <button type="button" onClick={() => editor?.chain().focus().toggleItalic().run()} aria-pressed={editor?.isActive('italic') ?? false}><i>I</i></button>
        <button type="button" onClick={() => editor?.chain().focus().toggleBulletList().run()}>• List</button>
        <button type="button" onClick={() => editor?.chain().focus().toggleHeading({ level: 3 }).run()}>Heading</button>
      </div>
      <EditorContent editor={editor} />
    </>
  );
}
