// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { useState } from 'preact/hooks';
import { VirtualList } from '../../../components/network/VirtualList';

afterEach(cleanup);

function List({ count, onRange, onActivate }: { count: number; onRange?: (a: number, b: number) => void; onActivate?: (i: number) => void }) {
  const [active, setActive] = useState(-1);
  return (
    <VirtualList
      label="People"
      count={count}
      rowHeight={50}
      overscan={2}
      rowId={(i) => `row-${i}`}
      row={(i) => `Person ${i}`}
      active={active}
      onActive={setActive}
      onRange={onRange}
      onActivate={onActivate}
    />
  );
}

describe('VirtualList', () => {
  it('renders only the rows on screen and a few around them, each saying where it is in the whole list', () => {
    const onRange = vi.fn();
    render(<List count={30_000} onRange={onRange} />);
    const options = screen.getAllByRole('option');
    // jsdom has no layout: the list assumes a 600 px box, 12 rows of 50 px, plus 2 below.
    expect(options.length).toBeLessThanOrEqual(16);
    expect(options[0]).toHaveProperty('textContent', 'Person 0');
    expect(options[0]!.getAttribute('aria-setsize')).toBe('30000');
    expect(options[3]!.getAttribute('aria-posinset')).toBe('4');
    expect(onRange).toHaveBeenLastCalledWith(0, options.length - 1);
    const space = screen.getByRole('listbox', { name: 'People' }).firstElementChild as HTMLElement;
    expect(space.style.height).toBe(`${30_000 * 50}px`);
  });

  it('scrolling shows another slice', () => {
    const onRange = vi.fn();
    render(<List count={30_000} onRange={onRange} />);
    const box = screen.getByRole('listbox', { name: 'People' });
    box.scrollTop = 50 * 20_000;
    fireEvent.scroll(box);
    const options = screen.getAllByRole('option');
    expect(options[0]!.textContent).toBe('Person 19998');
    expect(options.every((o) => Number(o.getAttribute('aria-posinset')) > 19_990)).toBe(true);
    expect(onRange).toHaveBeenLastCalledWith(19_998, expect.any(Number));
  });

  it('one tab stop: the arrow keys, Home and End move the active row, Enter activates it', () => {
    const onActivate = vi.fn();
    render(<List count={100} onActivate={onActivate} />);
    const box = screen.getByRole('listbox', { name: 'People' });
    expect(box.tabIndex).toBe(0);
    fireEvent.focus(box);
    expect(box.getAttribute('aria-activedescendant')).toBe('row-0');
    fireEvent.keyDown(box, { key: 'ArrowDown' });
    fireEvent.keyDown(box, { key: 'ArrowDown' });
    expect(box.getAttribute('aria-activedescendant')).toBe('row-2');
    expect(screen.getByRole('option', { selected: true }).textContent).toBe('Person 2');
    fireEvent.keyDown(box, { key: 'ArrowUp' });
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(onActivate).toHaveBeenLastCalledWith(1);
    fireEvent.keyDown(box, { key: 'End' });
    // The last row scrolled into view and is the active one.
    expect(box.getAttribute('aria-activedescendant')).toBe('row-99');
    expect(screen.getByRole('option', { selected: true }).getAttribute('aria-posinset')).toBe('100');
    fireEvent.keyDown(box, { key: 'Home' });
    expect(box.getAttribute('aria-activedescendant')).toBe('row-0');
    fireEvent.click(screen.getByText('Person 5'));
    expect(onActivate).toHaveBeenLastCalledWith(5);
  });

  it('an empty list has no rows and no active row', () => {
    render(<List count={0} />);
    const box = screen.getByRole('listbox', { name: 'People' });
    fireEvent.focus(box);
    fireEvent.keyDown(box, { key: 'ArrowDown' });
    expect(screen.queryAllByRole('option')).toHaveLength(0);
    expect(box.getAttribute('aria-activedescendant')).toBeNull();
  });
});
