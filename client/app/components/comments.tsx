import { useMemo, useRef, useState, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';

import type { UserSummary } from '../../../shared/domain';
import { newID } from '../../../shared/ids';
import { useCan, useComments, useMutate, useUsers } from '../data';
import { useDraft } from '../lib/drafts';
import { formatTime } from '../lib/format';

/** The word being typed right after an "@", if the caret is in one. */
function mentionQuery(text: string, caret: number): string | null {
  const m = /(?:^|\s)@([\p{L}\p{N}._-]*)$/u.exec(text.slice(0, caret));
  return m ? (m[1] ?? '') : null;
}

/** Ids of users whose "@Name" appears in the text. */
export function mentionedIds(text: string, users: readonly UserSummary[]): string[] {
  return users.filter((u) => u.name !== '' && text.includes(`@${u.name}`)).map((u) => u.id);
}

function renderBody(body: string, users: readonly UserSummary[]): ReactNode[] {
  const names = users.map((u) => u.name).filter(Boolean).sort((a, b) => b.length - a.length);
  if (names.length === 0) return [body];
  const escaped = names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const parts = body.split(new RegExp(`(@(?:${escaped.join('|')}))`, 'g'));
  return parts.map((p, i) => (i % 2 === 1 ? <mark key={i} className="mention">{p}</mark> : p));
}

/** Comments of a task, live for everyone viewing it, with @mention suggestions. */
export function Comments({ taskId }: { readonly taskId: string }) {
  const comments = useComments(taskId);
  const users = useUsers();
  const mutate = useMutate();
  const canPost = useCan('comments.create');
  const [text, setText, clearDraft] = useDraft(`comment.${taskId}`, () => '');
  const [caret, setCaret] = useState(0);
  const [highlight, setHighlight] = useState(0);
  const input = useRef<HTMLTextAreaElement>(null);
  const userName = useMemo(() => new Map(users.map((u) => [u.id, u.name])), [users]);

  const q = mentionQuery(text, caret);
  const suggestions = q === null ? [] : users.filter((u) => u.active && u.name.toLowerCase().includes(q.toLowerCase())).slice(0, 6);

  const pick = (u: UserSummary) => {
    const before = text.slice(0, caret).replace(/@[\p{L}\p{N}._-]*$/u, `@${u.name} `);
    const next = before + text.slice(caret);
    setText(next);
    setCaret(before.length);
    requestAnimationFrame(() => input.current?.setSelectionRange(before.length, before.length));
    input.current?.focus();
  };

  const submit = (e?: FormEvent) => {
    e?.preventDefault();
    const body = text.trim();
    if (body === '') return;
    void mutate('addComment', { id: newID(), taskId, body, mentions: mentionedIds(body, users) });
    clearDraft();
    setText('');
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (suggestions.length > 0 && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
      e.preventDefault();
      setHighlight((h) => (h + (e.key === 'ArrowDown' ? 1 : suggestions.length - 1)) % suggestions.length);
    } else if (suggestions.length > 0 && (e.key === 'Enter' || e.key === 'Tab')) {
      e.preventDefault();
      const u = suggestions[highlight] ?? suggestions[0];
      if (u !== undefined) pick(u);
    } else if (e.key === 'Enter' && (e.metaKey || e.ctrlKey)) {
      submit();
    }
  };

  return (
    <section className="comments" aria-label="Comments">
      <h3>Comments ({comments.length})</h3>
      <ol className="comment-list" data-testid="comments">
        {comments.map((c) => (
          <li key={c.id} className="comment">
            <header><strong>{userName.get(c.authorId) ?? 'Someone'}</strong> <time className="muted" dateTime={c.createdAt}>{formatTime(c.createdAt)}</time></header>
            <p>{renderBody(c.body, users)}</p>
          </li>
        ))}
      </ol>
      {canPost && (
        <form className="comment-form" onSubmit={submit}>
          <label className="sr-only" htmlFor={`comment-${taskId}`}>Write a comment</label>
          <textarea
            id={`comment-${taskId}`}
            ref={input}
            rows={2}
            placeholder="Write a comment; type @ to mention someone"
            value={text}
            onChange={(e) => { setText(e.target.value); setCaret(e.target.selectionStart); setHighlight(0); }}
            onSelect={(e) => setCaret(e.currentTarget.selectionStart)}
            onKeyDown={onKeyDown}
            aria-autocomplete="list"
            aria-expanded={suggestions.length > 0}
            aria-controls={`mentions-${taskId}`}
          />
          {suggestions.length > 0 && (
            <ul className="mention-list" role="listbox" id={`mentions-${taskId}`}>
              {suggestions.map((u, i) => (
                <li key={u.id} role="option" aria-selected={i === highlight}>
                  <button type="button" onMouseDown={(e) => { e.preventDefault(); pick(u); }}>@{u.name}</button>
                </li>
              ))}
            </ul>
          )}
          <button type="submit">Post</button>
        </form>
      )}
    </section>
  );
}
