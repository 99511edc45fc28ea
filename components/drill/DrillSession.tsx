import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { DrillCardView } from '@/utils/messages';
import type { LocalDay } from '@/utils/model/types';
import { gradeAnswer, type AnswerGrade } from '@/utils/drill/answer';
import { GRADES, gradeForKey, type DrillGrade } from '@/utils/drill/grades';
import type { NameMatchKind } from '@/utils/drill/names';
import { send } from '@/utils/client';
import { plural } from '@/utils/phrases';
import { t } from '@/utils/i18n';
import { Avatar } from '@/components/shared/Avatar';
import { HowWeMet, refresherReason } from './HowWeMet';
import { putBack } from './queue';

const GRADE_BUTTONS: { grade: DrillGrade; key: string }[] = [
  { grade: GRADES.again, key: 'drillGradeAgain' },
  { grade: GRADES.hard, key: 'drillGradeHard' },
  { grade: GRADES.good, key: 'drillGradeGood' },
  { grade: GRADES.easy, key: 'drillGradeEasy' },
];

/** Why an answer was only almost right, in words ("first name only"); nothing for a right or wrong one. */
const ALMOST_BECAUSE: Partial<Record<NameMatchKind, string>> = {
  typo: 'drillBecauseTypo',
  first: 'drillBecauseFirst',
  last: 'drillBecauseLast',
  part: 'drillBecausePart',
  initial: 'drillBecauseInitial',
};

function verdictText(card: DrillCardView, typed: string, result: AnswerGrade | null): string {
  if (!result) return t('drillRevealed', card.name);
  if (result.verdict === 'right') return t('drillRight', card.name);
  if (result.verdict === 'almost') return t('drillAlmost', t(ALMOST_BECAUSE[result.match] ?? 'drillBecauseTypo'), card.name);
  return t('drillWrong', typed.trim(), card.name);
}

/** Decodes a face before it is needed, so the next card paints at once. */
function preload(photo: string | undefined): void {
  if (!photo) return;
  const img = new Image();
  img.src = photo;
  img.decode?.().catch(() => undefined);
}

export interface DrillSessionProps {
  /** The first cards to ask, in order. */
  deck: DrillCardView[];
  today: LocalDay;
  /** More cards once these are done (today's deck asks the background again); none ends the session. */
  more: () => Promise<DrillCardView[]>;
  /** After each answer is stored (the history is asked for again). */
  onAnswered: () => void;
}

/**
 * One drill session, keyboard first. A face: type the name and press Enter (forgiving: accents, case,
 * first name only and small typos are "almost"), or press Enter on an empty field to see it; then
 * Enter takes the suggested grade and 1-4 choose one. Without a face: "Where did you meet Anna
 * Nowak?", Enter shows how you met, then the same grades. After each answer: how you met and the
 * memory aids. The next card is on screen in the same frame as the grade (the answer is stored on
 * the way, and its face was decoded beforehand); a card missed comes back minutes later.
 */
export function DrillSession({ deck, today, more, onAnswered }: DrillSessionProps) {
  const [current, setCurrent] = useState<DrillCardView | null>(deck[0] ?? null);
  const [queue, setQueue] = useState<DrillCardView[]>(deck.slice(1));
  const [shown, setShown] = useState(false);
  const [typed, setTyped] = useState('');
  const [result, setResult] = useState<AnswerGrade | null>(null);
  const [company, setCompany] = useState(false);
  const [answered, setAnswered] = useState(0);
  const [pending, setPending] = useState(0);
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState('');
  const nameInput = useRef<HTMLInputElement>(null);
  const revealButton = useRef<HTMLButtonElement>(null);
  const suggestedButton = useRef<HTMLButtonElement>(null);

  const suggested: DrillGrade = result?.suggestedGrade ?? GRADES.good;

  // The keyboard follows the card: the name field (or the reveal button) to ask, the suggested grade once shown.
  useLayoutEffect(() => {
    if (!current) return;
    if (shown) suggestedButton.current?.focus();
    else (nameInput.current ?? revealButton.current)?.focus();
  }, [current, shown]);

  useEffect(() => preload(queue[0]?.photo), [queue[0]?.personId]);

  // Out of cards: once every answer is stored (a missed one may come back), ask for more.
  useEffect(() => {
    if (current || pending > 0 || asking) return;
    if (queue.length > 0) {
      setCurrent(queue[0]!);
      setQueue(queue.slice(1));
      return;
    }
    setAsking(true);
    more().then(
      (cards) => {
        setAsking(false);
        if (cards.length === 0) return;
        setCurrent(cards[0]!);
        setQueue(cards.slice(1));
      },
      (e: Error) => {
        setAsking(false);
        setError(e.message);
      },
    );
  }, [current, pending, queue, asking]);

  const reveal = () => {
    setResult(null);
    setShown(true);
  };
  const check = () => {
    if (!current) return;
    if (!typed.trim()) return reveal();
    setResult(gradeAnswer(typed, current.name));
    setShown(true);
  };

  const grade = (g: DrillGrade) => {
    if (!current || !shown) return;
    const card = current;
    // The next card first, in this frame; the answer is stored on the way.
    setCurrent(queue[0] ?? null);
    setQueue(queue.slice(1));
    setShown(false);
    setTyped('');
    setResult(null);
    setCompany(false);
    setAnswered((n) => n + 1);
    setPending((n) => n + 1);
    send('drill.answer', { personId: card.personId, direction: card.direction, grade: g, ...(result ? { verdict: result.verdict } : {}) })
      .then(
        (reply) => {
          setError('');
          setQueue((q) => putBack(q, card, reply.card, Date.now()));
          onAnswered();
        },
        (e: Error) => setError(t('drillAnswerFailed', card.name, e.message)),
      )
      .finally(() => setPending((n) => n - 1));
  };

  // 1-4 grade a shown card from anywhere on the page (the name field is gone by then). A layout
  // effect, so a key pressed the moment the answer appears is not lost before the next paint.
  useLayoutEffect(() => {
    if (!shown) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      const g = gradeForKey(e.key);
      if (g === undefined) return;
      e.preventDefault();
      grade(g);
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  });

  if (!current) {
    return (
      <section class="drill-done" aria-live="polite">
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <p>{pending > 0 || asking ? t('drillSaving') : answered > 0 ? t('drillDone') : t('drillNothingDue')}</p>
        {answered > 0 && <p class="muted">{plural('drillAnswered', answered)}</p>}
      </section>
    );
  }

  const face = current.direction === 'face-to-name';
  const reason = !face || shown ? undefined : refresherReason({ ...current, met: undefined });
  return (
    <section class="drill-card" aria-labelledby="drill-question">
      <p class="drill-left muted">{plural('drillLeft', queue.length + 1)}</p>
      {face ? (
        <>
          <h2 id="drill-question">{t('drillHeading')}</h2>
          <div class="drill-face">
            {current.photo ? (
              <img src={current.photo} alt={t('drillFaceAlt')} width={200} height={200} decoding="sync" />
            ) : (
              <Avatar name="?" size={200} />
            )}
          </div>
          {reason && <p class="drill-reason">{reason}</p>}
          {company && <p class="drill-company">{current.company || current.headline || t('drillNoCompany')}</p>}
        </>
      ) : (
        <>
          <h2 id="drill-question">{t('drillWhereQuestion', current.name)}</h2>
          {current.headline && <p class="muted">{current.headline}</p>}
        </>
      )}

      {!shown ? (
        face ? (
          <form
            class="drill-ask"
            onSubmit={(e) => {
              e.preventDefault();
              check();
            }}
          >
            <label>
              {t('drillNameLabel')}
              <input
                ref={nameInput}
                value={typed}
                autocomplete="off"
                spellcheck={false}
                maxLength={200}
                placeholder={t('drillNamePlaceholder')}
                onInput={(e) => setTyped(e.currentTarget.value)}
              />
            </label>
            <div class="drill-actions">
              <button type="submit" class="kith-primary">
                {t('drillCheck')}
              </button>
              <button type="button" onClick={reveal}>
                {t('drillReveal')}
              </button>
              {!company && (
                <button type="button" onClick={() => setCompany(true)}>
                  {t('drillShowCompany')}
                </button>
              )}
            </div>
          </form>
        ) : (
          <div class="drill-actions">
            <button type="button" ref={revealButton} class="kith-primary" onClick={reveal}>
              {t('drillRevealContext')}
            </button>
          </div>
        )
      ) : (
        <>
          {face && (
            <p class={`drill-verdict drill-${result?.verdict ?? 'revealed'}`} role="status">
              {verdictText(current, typed, result)}
            </p>
          )}
          <div class="drill-grades" role="group" aria-label={t('drillGradeGroup')}>
            {GRADE_BUTTONS.map(({ grade: g, key }) => (
              <button
                key={g}
                type="button"
                ref={g === suggested ? suggestedButton : undefined}
                class={g === suggested ? 'kith-primary' : undefined}
                aria-keyshortcuts={String(g)}
                onClick={() => grade(g)}
              >
                <kbd aria-hidden="true">{g}</kbd> {t(key)}
              </button>
            ))}
          </div>
          <p class="muted drill-keys">{t('drillKeys')}</p>
          <HowWeMet card={current} today={today} />
        </>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
