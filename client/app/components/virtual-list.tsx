import { useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';

export interface VirtualListProps<T> {
  readonly items: readonly T[];
  /** Every row is this tall; fixed heights keep scrolling O(1) at 50,000 rows. */
  readonly rowHeight: number;
  readonly getKey: (item: T) => string;
  readonly renderRow: (item: T, index: number) => ReactNode;
  readonly label: string;
  /** Rows drawn above and below the visible window, so fast flicks don't show blanks. */
  readonly overscan?: number;
  readonly empty?: ReactNode;
}

/**
 * A windowed list: only the rows in view (plus overscan) are in the DOM, placed inside a
 * spacer as tall as the whole list. Scroll position is read in a passive listener and state
 * changes only when the first visible row changes, so scrolling re-renders rarely.
 */
export function VirtualList<T>(props: VirtualListProps<T>) {
  const { items, rowHeight, getKey, renderRow, label, overscan = 8, empty } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const [viewport, setViewport] = useState(600);
  const [first, setFirst] = useState(0);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (el === null) return;
    setViewport(el.clientHeight || 600);
    const ro = new ResizeObserver(() => setViewport(el.clientHeight || 600));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  useEffect(() => {
    const el = scroller.current;
    if (el === null) return;
    const onScroll = () => setFirst(Math.floor(el.scrollTop / rowHeight));
    el.addEventListener('scroll', onScroll, { passive: true });
    return () => el.removeEventListener('scroll', onScroll);
  }, [rowHeight]);

  const visible = Math.ceil(viewport / rowHeight);
  const start = Math.max(0, first - overscan);
  const end = Math.min(items.length, first + visible + overscan);
  const rows: ReactNode[] = [];
  // Rows are keyed by slot (index modulo the window size), so a scroll re-fills existing DOM
  // rows with other items instead of unmounting and mounting a screenful of them.
  const slots = visible + 2 * overscan + 1;
  for (let i = start; i < end; i++) {
    const item = items[i];
    if (item === undefined) continue;
    rows.push(
      <div
        key={i % slots}
        data-key={getKey(item)}
        role="listitem"
        aria-posinset={i + 1}
        aria-setsize={items.length}
        className="vrow"
        style={{ transform: `translateY(${i * rowHeight}px)`, height: rowHeight }}
      >
        {renderRow(item, i)}
      </div>,
    );
  }

  return (
    <div ref={scroller} className="vlist" role="list" aria-label={label} tabIndex={-1}>
      {items.length === 0 && empty}
      <div className="vlist-spacer" style={{ height: items.length * rowHeight }}>
        {rows}
      </div>
    </div>
  );
}
