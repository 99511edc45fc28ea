/**
 * The drill's words, without the scheduler (ts-fsrs), for the modules and pages that need no more.
 *
 * The four grades of a drill answer, as the keys 1-4 press them. The numbers are FSRS's own ratings
 * (ts-fsrs `Rating.Again` .. `Rating.Easy`), so a grade is stored and passed as it is.
 */
export const GRADES = { again: 1, hard: 2, good: 3, easy: 4 } as const;
export type DrillGrade = (typeof GRADES)[keyof typeof GRADES];

/** What an answer was, for the history: the name was right, almost right, or wrong (or not known). */
export type Verdict = 'right' | 'almost' | 'wrong';

/** The grade a key gives ('1' Again, '2' Hard, '3' Good, '4' Easy, the digits of the main row or the numpad), or undefined. */
export function gradeForKey(key: string): DrillGrade | undefined {
  return key === '1' || key === '2' || key === '3' || key === '4' ? (Number(key) as DrillGrade) : undefined;
}

/** The verdict a self-grade stands for, when the user revealed the name instead of typing it. */
export function verdictOfGrade(grade: DrillGrade): Verdict {
  return grade === GRADES.again ? 'wrong' : grade === GRADES.hard ? 'almost' : 'right';
}

export function isDrillGrade(value: unknown): value is DrillGrade {
  return value === 1 || value === 2 || value === 3 || value === 4;
}

export const DRILL_DIRECTIONS = ['face-to-name', 'name-to-context'] as const;
export type DrillDirection = (typeof DRILL_DIRECTIONS)[number];

/** The way a person is drilled: by face when there is one, else name to context. */
export function directionFor(person: { hasPhoto?: boolean }): DrillDirection {
  return person.hasPhoto ? 'face-to-name' : 'name-to-context';
}
