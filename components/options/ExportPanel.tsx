import { useState } from 'preact/hooks';
import { send } from '@/utils/client';
import type { ExportFormat } from '@/utils/messages';
import { t } from '@/utils/i18n';
import { errorText } from './errorText';

/**
 * Saves text as a file through a Blob URL and an `<a download>` click: no `downloads` permission.
 * The URL is revoked later, not at once: some browsers start reading the blob after click() returns.
 */
function downloadText(filename: string, mime: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

type Choice = 'json' | 'csv' | 'vcard' | 'ics';

const ITEMS: { choice: Choice; label: string; hint: string }[] = [
  { choice: 'json', label: 'optionsExportJson', hint: 'optionsExportJsonHint' },
  { choice: 'csv', label: 'optionsExportCsv', hint: 'optionsExportCsvHint' },
  { choice: 'vcard', label: 'optionsExportVcard', hint: 'optionsExportVcardHint' },
  { choice: 'ics', label: 'optionsExportIcs', hint: 'optionsExportIcsHint' },
];

/** The four exports; the background builds each file, the page saves it. */
export function ExportPanel() {
  const [vcardVersion, setVcardVersion] = useState<'vcard3' | 'vcard4'>('vcard3');
  const [busy, setBusy] = useState<Choice | null>(null);
  const [done, setDone] = useState('');
  const [error, setError] = useState('');

  const run = async (choice: Choice, label: string) => {
    const format: ExportFormat = choice === 'vcard' ? vcardVersion : choice;
    setBusy(choice);
    setError('');
    setDone(t('optionsExporting', label));
    try {
      const file = await send('data.export', { format });
      downloadText(file.filename, file.mime, file.text);
      setDone(t('optionsExported', file.filename));
    } catch (e) {
      setDone('');
      // Chromium refuses an extension message over 64 MiB, and says so in these words.
      setError(/maximum allowed size/i.test(errorText(e)) ? t('optionsExportTooBig') : t('optionsExportFailed', errorText(e)));
    } finally {
      setBusy(null);
    }
  };

  return (
    <section class="kith-card" aria-labelledby="kith-export-h">
      <h2 id="kith-export-h">{t('optionsExportHeading')}</h2>
      <p class="kith-hint">{t('optionsExportIntro')}</p>
      <ul class="kith-actions">
        {ITEMS.map(({ choice, label, hint }) => (
          <li key={choice}>
            <div class="kith-row">
              <button
                type="button"
                aria-describedby={`kith-export-${choice}-hint`}
                // aria-disabled, not disabled: a disabled button would drop the keyboard focus.
                aria-disabled={busy !== null ? 'true' : undefined}
                onClick={() => busy === null && void run(choice, t(label))}
              >
                {t(label)}
              </button>
              {choice === 'vcard' && (
                <label class="kith-inline">
                  {t('optionsVcardVersion')}
                  <select value={vcardVersion} onChange={(e) => setVcardVersion(e.currentTarget.value as 'vcard3' | 'vcard4')}>
                    <option value="vcard3">{t('optionsVcard3')}</option>
                    <option value="vcard4">{t('optionsVcard4')}</option>
                  </select>
                </label>
              )}
            </div>
            <p id={`kith-export-${choice}-hint`} class="kith-hint">
              {t(hint)}
            </p>
          </li>
        ))}
      </ul>
      <p class="kith-status" role="status">
        {done}
      </p>
      {error && (
        <p class="kith-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
