import { useState } from 'preact/hooks';
import { t } from '@/utils/i18n';

/** Tags as removable chips, and a field that adds one (Enter or comma), with suggestions from existing tags. */
export function TagEditor({ tags, known, onChange }: { tags: string[]; known: string[]; onChange: (tags: string[]) => void }) {
  const [draft, setDraft] = useState('');
  const add = () => {
    const tag = draft.replace(/,/g, ' ').trim();
    setDraft('');
    if (tag && !tags.includes(tag)) onChange([...tags, tag]);
  };
  return (
    <div class="kith-tags">
      <ul aria-label={t('tagsLabel')}>
        {tags.map((tag) => (
          <li key={tag}>
            {tag}
            <button type="button" aria-label={t('tagsRemove', tag)} onClick={() => onChange(tags.filter((x) => x !== tag))}>
              ×
            </button>
          </li>
        ))}
      </ul>
      <label>
        {t('tagsAdd')}
        <input
          list="kith-known-tags"
          value={draft}
          onInput={(e) => setDraft(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' || e.key === ',') {
              e.preventDefault();
              add();
            }
          }}
          onBlur={add}
        />
      </label>
      <datalist id="kith-known-tags">
        {known.filter((k) => !tags.includes(k)).map((k) => (
          <option key={k} value={k} />
        ))}
      </datalist>
    </div>
  );
}
