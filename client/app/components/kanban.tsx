import {
  useLayoutEffect, useRef, useState, type KeyboardEvent, type PointerEvent as ReactPointerEvent,
  type ReactNode,
} from 'react';

export interface KanbanColumn {
  readonly id: string;
  readonly title: string;
  readonly summary?: ReactNode;
}

export interface KanbanProps<T> {
  readonly columns: readonly KanbanColumn[];
  /** Cards per column, already in display order. */
  readonly cards: Readonly<Record<string, readonly T[]>>;
  readonly getKey: (card: T) => string;
  readonly cardLabel: (card: T) => string;
  readonly renderCard: (card: T) => ReactNode;
  /** `index` is the card's place in the target column once it has left its old one. */
  readonly onMove: (card: T, toColumn: string, index: number) => void;
  readonly onOpen?: (card: T) => void;
}

/** Where a picked-up card would land. */
interface Target {
  readonly key: string;
  readonly column: string;
  readonly index: number;
}

interface PointerDrag extends Target {
  readonly pointerId: number;
  readonly startX: number;
  readonly startY: number;
  readonly x: number;
  readonly y: number;
  readonly active: boolean;
}

const DRAG_THRESHOLD_PX = 6;

/**
 * A kanban board with two ways to move a card. Pointer: press, drag past a small threshold,
 * release over a column. Keyboard: Space picks the focused card up, arrows move it between
 * and within columns, Space drops, Escape cancels; each step is announced through an
 * aria-live region so screen-reader users hear where the card is.
 */
export function Kanban<T>(props: KanbanProps<T>) {
  const { columns, cards, getKey, cardLabel, renderCard, onMove, onOpen } = props;
  const [lifted, setLifted] = useState<Target | null>(null);
  const [drag, setDrag] = useState<PointerDrag | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const cardRefs = useRef(new Map<string, HTMLElement>());
  const boardRef = useRef<HTMLDivElement>(null);
  // The click that follows a pointer drop must not open the card.
  const justDropped = useRef(false);

  const find = (key: string): { card: T; column: string; index: number } | null => {
    for (const col of columns) {
      const list = cards[col.id] ?? [];
      const index = list.findIndex((c) => getKey(c) === key);
      const card = list[index];
      if (card !== undefined) return { card, column: col.id, index };
    }
    return null;
  };

  const columnTitle = (id: string) => columns.find((c) => c.id === id)?.title ?? id;

  /** The column's cards as shown while `target` is in flight (the moving card removed). */
  const without = (column: string, key: string) => (cards[column] ?? []).filter((c) => getKey(c) !== key);

  // Moving a lifted card re-parents its element; keep keyboard focus on it.
  useLayoutEffect(() => {
    if (lifted !== null) cardRefs.current.get(lifted.key)?.focus();
  }, [lifted]);

  const describe = (t: Target) => {
    const size = without(t.column, t.key).length + 1;
    return `${columnTitle(t.column)}, position ${t.index + 1} of ${size}`;
  };

  const onKeyDown = (e: KeyboardEvent<HTMLElement>, key: string) => {
    const here = find(key);
    if (here === null) return;
    const label = cardLabel(here.card);

    if (lifted === null || lifted.key !== key) {
      if (e.key === ' ') {
        e.preventDefault();
        const t = { key, column: here.column, index: here.index };
        setLifted(t);
        setAnnouncement(`Picked up ${label}. ${describe(t)}. Arrow keys move, Space drops, Escape cancels.`);
      } else if (e.key === 'Enter') {
        e.preventDefault();
        onOpen?.(here.card);
      }
      return;
    }

    const colIndex = columns.findIndex((c) => c.id === lifted.column);
    let next: Target | null = null;
    if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
      const to = columns[colIndex + (e.key === 'ArrowRight' ? 1 : -1)];
      if (to !== undefined) {
        next = { key, column: to.id, index: Math.min(lifted.index, without(to.id, key).length) };
      }
    } else if (e.key === 'ArrowUp') {
      next = { ...lifted, index: Math.max(0, lifted.index - 1) };
    } else if (e.key === 'ArrowDown') {
      next = { ...lifted, index: Math.min(without(lifted.column, key).length, lifted.index + 1) };
    } else if (e.key === ' ' || e.key === 'Enter') {
      e.preventDefault();
      setLifted(null);
      setAnnouncement(`Dropped ${label} in ${describe(lifted)}.`);
      if (lifted.column !== here.column || lifted.index !== here.index) {
        onMove(here.card, lifted.column, lifted.index);
      }
      return;
    } else if (e.key === 'Escape' || e.key === 'Tab') {
      setLifted(null);
      setAnnouncement(`Move cancelled. ${label} stays in ${columnTitle(here.column)}.`);
      return;
    }
    if (next !== null) {
      e.preventDefault();
      setLifted(next);
      setAnnouncement(`${label}: ${describe(next)}.`);
    }
  };

  const targetAt = (x: number, y: number, key: string): Target | null => {
    const board = boardRef.current;
    if (board === null) return null;
    for (const colEl of board.querySelectorAll<HTMLElement>('[data-column]')) {
      const r = colEl.getBoundingClientRect();
      if (x < r.left || x > r.right) continue;
      const column = colEl.dataset.column ?? '';
      const others = [...colEl.querySelectorAll<HTMLElement>('[data-card]')].filter((el) => el.dataset.card !== key);
      const index = others.filter((el) => {
        const cr = el.getBoundingClientRect();
        return cr.top + cr.height / 2 < y;
      }).length;
      return { key, column, index };
    }
    return null;
  };

  const onPointerDown = (e: ReactPointerEvent<HTMLElement>, key: string) => {
    if (e.button !== 0 || lifted !== null) return;
    const here = find(key);
    if (here === null) return;
    const start: PointerDrag = {
      key, column: here.column, index: here.index, pointerId: e.pointerId,
      startX: e.clientX, startY: e.clientY, x: e.clientX, y: e.clientY, active: false,
    };
    setDrag(start);
    let state = start;

    const move = (ev: PointerEvent) => {
      if (ev.pointerId !== start.pointerId) return;
      const far = Math.hypot(ev.clientX - start.startX, ev.clientY - start.startY) > DRAG_THRESHOLD_PX;
      const target = targetAt(ev.clientX, ev.clientY, key) ?? state;
      state = { ...state, ...target, x: ev.clientX, y: ev.clientY, active: state.active || far };
      setDrag(state);
    };
    const finish = (ev: PointerEvent) => {
      if (ev.pointerId !== start.pointerId) return;
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', finish);
      window.removeEventListener('pointercancel', finish);
      setDrag(null);
      const dropped = ev.type === 'pointerup' && state.active;
      justDropped.current = state.active;
      if (!dropped) return;
      if (state.column !== here.column || state.index !== here.index) {
        onMove(here.card, state.column, state.index);
        setAnnouncement(`Dropped ${cardLabel(here.card)} in ${describe(state)}.`);
      }
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', finish);
    window.addEventListener('pointercancel', finish);
  };

  const onClick = (key: string) => {
    if (justDropped.current) {
      justDropped.current = false;
      return;
    }
    const here = find(key);
    if (here !== null) onOpen?.(here.card);
  };

  const inFlight: Target | null = lifted ?? (drag?.active ? drag : null);

  const columnCards = (column: string): { card: T; placeholder: boolean }[] => {
    if (inFlight === null) return (cards[column] ?? []).map((card) => ({ card, placeholder: false }));
    const rest = without(column, inFlight.key).map((card) => ({ card, placeholder: false }));
    if (inFlight.column === column) {
      const moving = find(inFlight.key);
      if (moving !== null) rest.splice(inFlight.index, 0, { card: moving.card, placeholder: true });
    }
    return rest;
  };

  const ghost = drag?.active ? find(drag.key) : null;

  return (
    <div className="kanban" ref={boardRef}>
      <p className="sr-only" aria-live="assertive" aria-atomic="true" data-testid="kanban-live">
        {announcement}
      </p>
      {columns.map((col) => (
        <section key={col.id} className="kanban-col" data-column={col.id} aria-label={col.title}>
          <header className="kanban-col-head">
            <h2>{col.title}</h2>
            {col.summary}
          </header>
          <ol className="kanban-cards">
            {columnCards(col.id).map(({ card, placeholder }) => {
              const key = getKey(card);
              const isLifted = lifted?.key === key;
              const isDragged = placeholder && drag?.active === true;
              return (
                <li
                  key={key}
                  ref={(el) => {
                    if (el) cardRefs.current.set(key, el);
                    else cardRefs.current.delete(key);
                  }}
                  data-card={key}
                  tabIndex={0}
                  aria-roledescription="draggable card"
                  aria-label={cardLabel(card)}
                  aria-pressed={isLifted}
                  className={`kanban-card${isLifted ? ' lifted' : ''}${isDragged ? ' placeholder' : ''}`}
                  onKeyDown={(e) => onKeyDown(e, key)}
                  onPointerDown={(e) => onPointerDown(e, key)}
                  onClick={() => onClick(key)}
                >
                  {renderCard(card)}
                </li>
              );
            })}
          </ol>
        </section>
      ))}
      {ghost !== null && drag !== null && (
        <div className="kanban-ghost" style={{ left: drag.x, top: drag.y }} aria-hidden="true">
          {renderCard(ghost.card)}
        </div>
      )}
    </div>
  );
}
