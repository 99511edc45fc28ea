import { useEffect, useState } from 'preact/hooks';
import type { PersonSummary } from '@/utils/messages';
import { send } from '@/utils/client';

/** Saved people matching what is typed (two letters or more), asked for once the typing pauses. */
export function usePeopleSearch(query: string): PersonSummary[] {
  const [people, setPeople] = useState<PersonSummary[]>([]);
  useEffect(() => {
    const q = query.trim();
    if (q.length < 2) return setPeople([]);
    let live = true;
    const timer = setTimeout(() => {
      send('people.search', { query: q, limit: 8 }).then((found) => live && setPeople(found), () => undefined);
    }, 120);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [query]);
  return people;
}
