import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';

export interface VirtualListProps {
  /** How many rows there are in all (most of them never rendered). */
  count: number;
  /** Every row is this tall, in CSS pixels: the list computes what is on screen instead of measuring. */
  rowHeight: number;
  /** Rows rendered above and below the visible ones, so a fast scroll does not show gaps. */
  overscan?: number;
  /** The row at `index`; it is placed by the list (absolutely, at index * rowHeight). */
  row: (index: number, active: boolean) => ComponentChildren;
  /** A stable DOM id for the row at `index` (for aria-activedescendant). */
  rowId: (index: number) => string;
  /** The rows [first, last] now rendered, so the owner can load them. */
  onRange?: (first: number, last: number) => void;
  /** The row the keyboard is on; the owner keeps it (it survives the row being scrolled away). */
  active: number;
  onActive: (index: number) => void;
  /** Enter on the active row. */
  onActivate?: (index: number) => void;
  label: string;
  busy?: boolean;
  /** A new value scrolls back to the top (a new search or filter). */
  resetKey?: string;
  /** As tall as its rows (up to the height the page's CSS allows), instead of filling its box. */
  fit?: boolean;
  class?: string;
}

/**
 * A windowed listbox: fixed-height rows, only the visible slice (plus `overscan`) in the DOM, so a
 * list of 30,000 people costs what a list of 30 does. One tab stop; the arrow keys, Page Up/Down,
 * Home and End move the active row (aria-activedescendant), Enter activates it. Each row says its
 * position in the whole list (aria-posinset / aria-setsize), since most rows are not in the DOM.
 */
export function VirtualList(props: VirtualListProps) {
  const { count, rowHeight, overscan = 8, active } = props;
  const box = useRef<HTMLDivElement>(null);
  const [view, setView] = useState({ top: 0, height: 600 });

  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return undefined;
    const measure = () => setView({ top: el.scrollTop, height: el.clientHeight || 600 });
    measure();
    if (typeof ResizeObserver === 'undefined') return undefined;
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    const el = box.current;
    if (!el || el.scrollTop === 0) return;
    el.scrollTop = 0;
    setView((v) => ({ ...v, top: 0 }));
  }, [props.resetKey]);

  const first = Math.max(0, Math.floor(view.top / rowHeight) - overscan);
  const last = Math.min(count - 1, Math.ceil((view.top + view.height) / rowHeight) + overscan);
  const perPage = Math.max(1, Math.floor(view.height / rowHeight) - 1);

  useEffect(() => {
    if (count > 0) props.onRange?.(first, last);
  }, [first, last, count]);

  // Keep the active row on screen when the keyboard moves it.
  const scrollTo = (index: number) => {
    const el = box.current;
    if (!el) return;
    const top = index * rowHeight;
    const height = el.clientHeight || view.height;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + rowHeight > el.scrollTop + height) el.scrollTop = top + rowHeight - height;
    // Render the new slice now, not a frame later when the scroll event comes.
    setView({ top: el.scrollTop, height });
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (count === 0) return;
    const moves: Record<string, number> = {
      ArrowDown: active + 1,
      ArrowUp: active - 1,
      PageDown: active + perPage,
      PageUp: active - perPage,
      Home: 0,
      End: count - 1,
    };
    if (e.key in moves) {
      e.preventDefault();
      const next = Math.min(count - 1, Math.max(0, moves[e.key]));
      props.onActive(next);
      scrollTo(next);
    } else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      if (active >= 0 && active < count) props.onActivate?.(active);
    }
  };

  const rows = [];
  for (let i = first; i <= last; i++) {
    rows.push(
      <div
        key={i}
        id={props.rowId(i)}
        role="option"
        aria-selected={i === active}
        aria-posinset={i + 1}
        aria-setsize={count}
        class={`vl-row${i === active ? ' vl-active' : ''}`}
        style={{ top: `${i * rowHeight}px`, height: `${rowHeight}px` }}
        onMouseDown={(e) => e.preventDefault()}
        onClick={() => {
          box.current?.focus();
          props.onActive(i);
          props.onActivate?.(i);
        }}
      >
        {props.row(i, i === active)}
      </div>,
    );
  }

  return (
    <div
      ref={box}
      class={`vl${props.class ? ` ${props.class}` : ''}`}
      role="listbox"
      tabIndex={0}
      aria-label={props.label}
      aria-busy={props.busy || undefined}
      style={props.fit ? { height: `${count * rowHeight + 2}px` } : undefined}
      aria-activedescendant={active >= first && active <= last ? props.rowId(active) : undefined}
      onKeyDown={onKeyDown}
      onFocus={() => {
        if (active < 0 && count > 0) props.onActive(0);
      }}
      onScroll={(e) => {
        const el = e.currentTarget;
        setView({ top: el.scrollTop, height: el.clientHeight || 600 });
      }}
    >
      <div class="vl-space" style={{ height: `${count * rowHeight}px` }}>
        {rows}
      </div>
    </div>
  );
}
