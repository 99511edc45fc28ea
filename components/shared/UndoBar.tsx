import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '@/utils/i18n';

/** How long Undo is offered after a change (longer while the pointer or the keyboard is on it). */
export const UNDO_MS = 8000;
/** How long "Undone" stays. */
const DONE_MS = 3000;

/** What was just done, and how to take it back. */
interface UndoOffer {
  /** "Deleted: Anna Nowak", "Anna Nowak: done. Next follow-up Fri 27 Nov." */
  text: string;
  undo: () => Promise<unknown>;
}

type Shown =
  | (UndoOffer & { id: number })
  | { id: number; text: string; done: true }
  | { id: number; text: string; failed: true }
  /** Something done that has nothing to take back ("Saved: Agnieszka…"), said in the same place. */
  | { id: number; text: string; note: true };

let next = 0;

/** The offer on screen and how to make one: each new offer replaces the one before. */
export function useUndo(): { shown: Shown | null; offer: (text: string, undo: () => Promise<unknown>) => void; say: (text: string) => void; clear: () => void } {
  const [shown, setShown] = useState<Shown | null>(null);
  return {
    shown,
    offer: (text, undo) => setShown({ text, undo, id: ++next }),
    // One live region per surface: a plain message replaces any offer, as a new offer does.
    say: (text) => setShown({ text, note: true, id: ++next }),
    clear: () => setShown(null),
  };
}

/**
 * "Deleted: Anna Nowak [Undo]" for a few seconds after a change that can be taken back. A status the
 * screen reader announces; when the change took away the control the keyboard was on (a deleted row's
 * button), the keyboard moves to Undo. The time runs out only while neither the pointer nor the focus
 * is on it.
 */
export function UndoBar({ state }: { state: ReturnType<typeof useUndo> }) {
  const { shown, clear } = state;
  const [outcome, setOutcome] = useState<Shown | null>(null);
  const [held, setHeld] = useState(false);
  const [busy, setBusy] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const current = outcome && shown && outcome.id === shown.id ? outcome : shown;

  useEffect(() => {
    setOutcome(null);
    setBusy(false);
    if (shown && 'undo' in shown && (!document.activeElement || document.activeElement === document.body)) button.current?.focus();
  }, [shown?.id]);

  useEffect(() => {
    if (!current || held || busy || 'failed' in current) return undefined;
    const timer = setTimeout(clear, 'done' in current ? DONE_MS : UNDO_MS);
    return () => clearTimeout(timer);
  }, [current, held, busy]);

  const undo = async () => {
    if (!shown || !('undo' in shown) || busy) return;
    setBusy(true);
    try {
      await shown.undo();
      setOutcome({ id: shown.id, text: t('undoDone'), done: true });
    } catch (e) {
      setOutcome({ id: shown.id, text: t('undoFailed', e instanceof Error ? e.message : String(e)), failed: true });
    } finally {
      setBusy(false);
    }
  };

  // Only the words are the live region, so a screen reader says "Deleted: Anna Nowak", not "Undo" too.
  return (
    <div
      class={`kith-undo${current ? '' : ' kith-undo-empty'}`}
      onMouseEnter={() => setHeld(true)}
      onMouseLeave={() => setHeld(false)}
      onFocusIn={() => setHeld(true)}
      onFocusOut={() => setHeld(false)}
    >
      <p role="status" class={current && 'failed' in current ? 'kith-error' : undefined}>
        {current?.text ?? ''}
      </p>
      {current && 'undo' in current && (
        <button type="button" ref={button} class="kith-undo-button" disabled={busy} onClick={() => void undo()}>
          {t('undo')}
        </button>
      )}
      {current && !('undo' in current) && (
        <button type="button" class="kith-link" aria-label={t('undoDismiss')} onClick={clear}>
          ×
        </button>
      )}
    </div>
  );
}
