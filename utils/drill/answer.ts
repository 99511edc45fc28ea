/**
 * Grading a typed answer to "Who's this?" against the person's name, forgivingly (names.ts holds the
 * rules): the full name, in any order, with or without middle names, accents, case, spacing and
 * punctuation, is right; a small typo, the first name alone, the surname alone, or "Anna N." is almost;
 * anything else is wrong. The suggested grade is what Enter records; 1-4 can override it.
 */
import { compareNames, type NameMatchKind } from './names';
import { GRADES, type DrillGrade, type Verdict } from './grades';

export interface AnswerGrade {
  verdict: Verdict;
  suggestedGrade: DrillGrade;
  /** How the answer stood to the name, for the words under it ("first name only", "a typo"). */
  match: NameMatchKind;
}

const VERDICT: Record<NameMatchKind, Verdict> = {
  same: 'right',
  reordered: 'right',
  middle: 'right',
  typo: 'almost',
  initial: 'almost',
  first: 'almost',
  last: 'almost',
  part: 'almost',
  none: 'wrong',
};

const SUGGESTED: Record<Verdict, DrillGrade> = { right: GRADES.good, almost: GRADES.hard, wrong: GRADES.again };

/** The verdict on `typed` as the name of someone called `name`. An empty answer is wrong. */
export function gradeAnswer(typed: string, name: string): AnswerGrade {
  const { kind } = compareNames(typed, name);
  const verdict = VERDICT[kind];
  return { verdict, suggestedGrade: SUGGESTED[verdict], match: kind };
}
