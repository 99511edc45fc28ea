import { useEffect, useRef, useState } from 'preact/hooks';
import * as v from 'valibot';
import { browser } from '#imports';
import { IMPORT_PORT, importPort, type ImportKind, type ImportRequest } from '@/utils/messages';
import { MAX_IMPORT } from '@/utils/model/caps';
import { t } from '@/utils/i18n';
import { send } from '@/utils/client';
import { formatCount } from '@/components/shared/counts';
import { errorText } from './errorText';
import { ImportReport } from './ImportReport';

/**
 * Characters per port message. Browsers refuse a message over 64 MiB of JSON, and a character can take
 * up to 6 bytes there (control characters become \u0001), so 8 Mi characters always fit.
 */
const PART_CHARS = 8 * 1024 * 1024;

type Phase =
  | { step: 'idle' }
  | { step: 'reading'; file: string }
  | { step: 'checking'; file: string }
  | { step: 'writing'; file: string; done: number; total: number }
  | { step: 'done'; file: string; report: unknown; note?: string }
  | { step: 'failed'; message: string };

/** The text in parts of at most PART_CHARS, never splitting a surrogate pair; [part, more to come]. */
function* parts(text: string): Generator<[string, boolean]> {
  let at = 0;
  do {
    let end = Math.min(at + PART_CHARS, text.length);
    const c = text.charCodeAt(end - 1);
    if (end < text.length && c >= 0xd800 && c <= 0xdbff) end--;
    yield [text.slice(at, end), end < text.length];
    at = end;
  } while (at < text.length);
}

/** "Line 12: reason", unless the reason already names its line. */
function failure(file: string, error: string, line: number | undefined): string {
  const named = line !== undefined && new RegExp(`\\bline ${line}\\b`, 'i').test(error);
  const reason = line !== undefined && !named ? t('optionsImportFailedLine', formatCount(line), error) : error;
  return t('optionsImportFailed', file, reason);
}

/**
 * Whether a file may be of the kind this import reads: a name ending in one of its endings, or of one
 * of its types. A name without an ending (a saved download may have none) is left to the import's own
 * check, which says what is wrong inside.
 */
function fits(file: File, endings: readonly string[], types: readonly string[]): boolean {
  const name = file.name.toLowerCase();
  return endings.some((e) => name.endsWith(e)) || types.includes(file.type) || !/\.[^./\\]+$/.test(name);
}

function ImportFile({
  kind,
  label,
  hint,
  endings,
  types,
  wrongType,
  busy,
  setBusy,
  onImported,
}: {
  kind: ImportKind;
  label: string;
  hint: string;
  /** The name endings ('.csv') and media types it takes: the picker offers only these, a drop of another is refused. */
  endings: readonly string[];
  types: readonly string[];
  /** What to say of a file of another kind. */
  wrongType: string;
  busy: ImportKind | null;
  setBusy: (k: ImportKind | null) => void;
  onImported: () => void;
}) {
  const [phase, setPhase] = useState<Phase>({ step: 'idle' });
  const [dragging, setDragging] = useState(false);
  const port = useRef<ReturnType<typeof browser.runtime.connect> | null>(null);
  const reportRef = useRef<HTMLDivElement>(null);
  const id = `kith-import-${kind}`;

  useEffect(() => () => port.current?.disconnect(), []);

  // Once the report is on screen, take the reader there, unless they went on to something else meanwhile.
  useEffect(() => {
    if (phase.step !== 'done') return;
    const active = document.activeElement;
    if (!active || active === document.body || active.id === `${id}-file`) {
      reportRef.current?.querySelector<HTMLElement>('h3')?.focus();
    }
  }, [phase.step, id]);

  const finish = (next: Phase) => {
    port.current?.disconnect();
    port.current = null;
    setPhase(next);
    setBusy(null);
    onImported();
  };

  const start = async (file: File | undefined) => {
    if (!file) return;
    if (busy) {
      // A click is refused before the chooser opens (see onClick below); a drop gets told.
      if (busy !== kind) setPhase({ step: 'failed', message: t('optionsImportBusy') });
      return;
    }
    if (!fits(file, endings, types)) {
      setPhase({ step: 'failed', message: t('optionsImportFailed', file.name, t(wrongType)) });
      return;
    }
    if (file.size > MAX_IMPORT) {
      setPhase({
        step: 'failed',
        message: t(
          'optionsImportTooBig',
          file.name,
          formatCount(Math.ceil(file.size / (1024 * 1024))),
          formatCount(MAX_IMPORT / (1024 * 1024)),
        ),
      });
      return;
    }
    setBusy(kind);
    setPhase({ step: 'reading', file: file.name });
    let text: string;
    try {
      text = await file.text();
    } catch (e) {
      setBusy(null);
      setPhase({ step: 'failed', message: t('optionsImportFailed', file.name, t('optionsImportUnreadable', errorText(e))) });
      return;
    }
    let settled = false;
    const importId = crypto.randomUUID();
    const p = browser.runtime.connect({ name: IMPORT_PORT });
    port.current = p;
    p.onMessage.addListener((raw: unknown) => {
      if (settled) return;
      // Checked as the protocol says: a message it does not describe throws here, changing nothing on
      // screen, and the import still ends with 'done', 'failed' or the port's disconnect.
      const m = v.parse(importPort.progress, raw);
      if (m.stage === 'checking') setPhase({ step: 'checking', file: file.name });
      else if (m.stage === 'writing') setPhase({ step: 'writing', file: file.name, done: m.done, total: m.total });
      else if (m.stage === 'done') {
        settled = true;
        finish({ step: 'done', file: file.name, report: m.report });
      } else if (m.stage === 'failed') {
        settled = true;
        finish({ step: 'failed', message: failure(file.name, m.error, m.line) });
      }
    });
    p.onDisconnect.addListener(() => {
      if (settled) return;
      settled = true;
      port.current = null;
      // The background stopped mid-import (the browser ended its worker). The import was one
      // transaction with its receipt: ask a fresh worker whether it committed, and say which.
      void send('import.status', { id: importId }).then(
        (s) =>
          finish(
            s.landed
              ? { step: 'done', file: file.name, report: s.report, note: t('optionsImportLandedAnyway') }
              : { step: 'failed', message: t('optionsImportFailed', file.name, t('optionsImportStopped')) },
          ),
        () => finish({ step: 'failed', message: t('optionsImportFailed', file.name, t('optionsImportStopped')) }),
      );
    });
    try {
      for (const [chunk, more] of parts(text)) {
        const part: ImportRequest = { kind, text: chunk, id: importId, ...(more ? { more } : {}) };
        p.postMessage(part);
      }
    } catch (e) {
      // e.g. a message over the browser's size limit for extension messages.
      settled = true;
      finish({ step: 'failed', message: t('optionsImportFailed', file.name, errorText(e)) });
    }
  };

  const running = phase.step === 'reading' || phase.step === 'checking' || phase.step === 'writing';
  const stepText =
    phase.step === 'reading'
      ? t('optionsImportReading')
      : phase.step === 'checking'
        ? t('optionsImportChecking')
        : phase.step === 'writing'
          ? t('optionsImportWriting', formatCount(phase.done), formatCount(phase.total))
          : '';

  return (
    <div class="kith-import">
      <label for={`${id}-file`} class="kith-file-label">
        {label}
      </label>
      <p id={`${id}-hint`} class="kith-hint">
        {hint}
      </p>
      {/* The drop zone: the native file input (kept for the keyboard and screen readers, its looks
          hidden), a button-like label that opens the chooser, and room to drop the file. */}
      <div
        class={`kith-drop${dragging ? ' kith-dragging' : ''}`}
        onDragEnter={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragOver={(e) => {
          e.preventDefault();
          if (e.dataTransfer) e.dataTransfer.dropEffect = busy ? 'none' : 'copy';
        }}
        onDragLeave={(e) => {
          if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
        }}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          void start(e.dataTransfer?.files[0]);
        }}
      >
        <input
          id={`${id}-file`}
          class="kith-file-input"
          type="file"
          accept={[...endings, ...types].join(',')}
          aria-describedby={`${id}-hint`}
          // aria-disabled (not disabled) keeps the keyboard focus on the input while an import runs; the
          // file chooser is not opened then, since a second import at once could add a person twice.
          aria-disabled={busy ? 'true' : undefined}
          onClick={(e) => {
            if (busy) e.preventDefault();
          }}
          onChange={(e) => {
            const input = e.currentTarget;
            const file = input.files?.[0];
            // Cleared so that choosing the same file again (after fixing it) runs again.
            input.value = '';
            void start(file);
          }}
        />
        <label for={`${id}-file`} class="kith-file-button" aria-hidden="true">
          {t('optionsImportChoose')}
        </label>
        <span class="kith-hint">{t('optionsImportDrop')}</span>
      </div>
      {busy && busy !== kind && <p class="kith-hint">{t('optionsImportBusy')}</p>}
      {running && (
        <div class="kith-progress">
          <span id={`${id}-progress-label`}>{t('optionsImportProgress', phase.file)}</span>
          {phase.step === 'writing' ? (
            <progress aria-labelledby={`${id}-progress-label`} aria-describedby={`${id}-step`} max={phase.total || 1} value={phase.done} />
          ) : (
            <progress aria-labelledby={`${id}-progress-label`} aria-describedby={`${id}-step`} />
          )}
          <span id={`${id}-step`} class="kith-hint" aria-live="polite">
            {stepText}
          </span>
        </div>
      )}
      {phase.step === 'failed' && (
        <p class="kith-error" role="alert">
          {phase.message}
        </p>
      )}
      {phase.step === 'done' && (
        <div ref={reportRef}>
          {phase.note && <p role="status">{phase.note}</p>}
          <ImportReport id={`${id}-report`} heading={t('optionsReportHeading', phase.file)} report={phase.report} />
        </div>
      )}
    </div>
  );
}

/** The two imports. One runs at a time: both read the store first, so two at once could both add a person. */
export function ImportPanel({ onImported }: { onImported: () => void }) {
  const [busy, setBusy] = useState<ImportKind | null>(null);
  // A file dropped beside a drop zone would make the browser open it in place of this page.
  useEffect(() => {
    const keep = (e: DragEvent) => {
      if (!(e.target instanceof Element && e.target.closest('.kith-drop'))) e.preventDefault();
    };
    addEventListener('dragover', keep);
    addEventListener('drop', keep);
    return () => {
      removeEventListener('dragover', keep);
      removeEventListener('drop', keep);
    };
  }, []);
  return (
    <section class="kith-card" aria-labelledby="kith-import-h">
      <h2 id="kith-import-h">{t('optionsImportHeading')}</h2>
      <p class="kith-hint">{t('optionsImportIntro')}</p>
      <ImportFile
        kind="backup"
        label={t('optionsImportBackup')}
        hint={t('optionsImportBackupHint')}
        endings={['.json']}
        types={['application/json']}
        wrongType="optionsImportNotJson"
        busy={busy}
        setBusy={setBusy}
        onImported={onImported}
      />
      <ImportFile
        kind="connections"
        label={t('optionsImportConnections')}
        hint={t('optionsImportConnectionsHint')}
        endings={['.csv']}
        types={['text/csv']}
        wrongType="optionsImportNotCsv"
        busy={busy}
        setBusy={setBusy}
        onImported={onImported}
      />
    </section>
  );
}
