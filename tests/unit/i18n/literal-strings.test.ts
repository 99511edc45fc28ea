import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The project's own ESLint config: these tests hold its rule against literal words in components to
// what it must catch, so it cannot be loosened into one that passes everything.
const eslint = new ESLint({ cwd: process.cwd() });

const WORD_RULES = new Set(['i18next/no-literal-string', 'no-restricted-syntax']);

async function findings(code: string, filePath = 'components/Probe.tsx'): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId && WORD_RULES.has(m.ruleId)).map((m) => code.split('\n')[m.line - 1]!.trim());
}

const component = (jsx: string) => `import { t } from '@/utils/i18n';
export function Probe({ on }: { on: boolean }) {
  return (
    <div>
      ${jsx}
    </div>
  );
}
`;

describe('no literal words in components (ESLint)', () => {
  it('flags words written as JSX text', async () => {
    expect(await findings(component('<p>Nobody is due.</p>'))).toEqual(['<p>Nobody is due.</p>']);
  });

  it('flags words written as a JSX expression, directly or as a branch', async () => {
    expect(await findings(component("<p>{'Saved'}</p>"))).toHaveLength(1);
    expect(await findings(component('<p>{`Saved`}</p>'))).toHaveLength(1);
    expect(await findings(component("<p>{on ? 'Hide' : 'Show'}</p>"))).toHaveLength(2);
    expect(await findings(component("<p>{on && 'Saving…'}</p>"))).toHaveLength(1);
  });

  it('flags words in the attributes people read or hear', async () => {
    for (const attribute of ['aria-label', 'title', 'placeholder', 'alt', 'label']) {
      expect(await findings(component(`<input ${attribute}="Search people" />`)), attribute).toHaveLength(1);
      expect(await findings(component(`<input ${attribute}={'Search people'} />`)), attribute).toHaveLength(1);
      expect(await findings(component(`<input ${attribute}={on ? 'Open' : t('x')} />`)), attribute).toHaveLength(1);
    }
    expect(await findings(component('<img alt={`Photo`} />'))).toHaveLength(1);
    expect(await findings(component('<input aria-label={`Photo of ${on}`} />'))).toHaveLength(1);
  });

  it('flags words inside a list drawn with map', async () => {
    const list = component(`{[1, 2].map((n) => (
        <button key={n} aria-label="Remove tag">
          Remove
        </button>
      ))}`);
    // The attribute and the text (reported where the text starts, after the tag).
    expect(await findings(list)).toHaveLength(2);
  });

  it('flags the same in entrypoints (popup, options, network pages)', async () => {
    expect(await findings(component('<h1>Your network</h1>'), 'entrypoints/network/App.tsx')).toHaveLength(1);
  });

  it('lets through messages, icons, addresses and attributes nobody reads', async () => {
    const fine = component(
      [
        "<button type=\"button\" class=\"kith-link\" aria-label={t('encEdit', 'x')}>✎</button>",
        '<span aria-hidden="true">▾</span>',
        "<p>{t('popupDone')} · {on ? t('a') : t('b')}</p>",
        "<input aria-label={t(`kind${on}`)} title={t('tagsRemove', 'x')} />",
        '<input type="url" placeholder="https://" />',
        '<input placeholder="mastodon.social" id="kith-mastodon" autoComplete="off" />',
        '<div role="status" aria-live="polite" data-kind="event" />',
      ].join('\n      '),
    );
    expect(await findings(fine)).toEqual([]);
  });

  it('leaves code outside components alone (message keys, log lines)', async () => {
    expect(await findings(component('<p>Nobody is due.</p>'), 'utils/Probe.tsx')).toEqual([]);
  });

  it('finds nothing in the components and pages as they are', async () => {
    const results = await eslint.lintFiles(['components/**/*.tsx', 'entrypoints/**/*.tsx']);
    const found = results.flatMap((r) => r.messages.filter((m) => m.ruleId && WORD_RULES.has(m.ruleId)).map((m) => `${r.filePath}:${m.line} ${m.message}`));
    expect(results.length).toBeGreaterThan(20);
    expect(found).toEqual([]);
  });
});
