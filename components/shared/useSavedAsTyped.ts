import { useEffect, useRef, useState } from 'preact/hooks';

/**
 * A text field that saves as the user types (the memory aids; NotesEditor does the same by hand, in
 * fewer bytes, while the sidebar still counts against the content script's budget): `onSave` after a pause of `delayMs`, or at once on
 * `flush` (leaving the field, Enter). What the user types is the truth while they type: a change from
 * elsewhere (`value`, another tab) replaces the text only when nothing typed here is unsaved. A pending
 * save is flushed when the component goes away.
 */
export function useSavedAsTyped(value: string, onSave: (text: string) => void, delayMs: number) {
  const [text, setText] = useState(value);
  const pending = useRef<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const saveRef = useRef(onSave);
  saveRef.current = onSave;

  const flush = () => {
    clearTimeout(timer.current);
    const next = pending.current;
    if (next === null) return;
    pending.current = null;
    saveRef.current(next);
  };

  useEffect(() => {
    if (pending.current === null) setText(value);
  }, [value]);
  useEffect(() => flush, []);

  return {
    text,
    /** True while something typed is not handed to `onSave` yet. */
    typing: () => pending.current !== null,
    input: (next: string) => {
      setText(next);
      pending.current = next;
      clearTimeout(timer.current);
      timer.current = setTimeout(flush, delayMs);
    },
    flush,
  };
}
