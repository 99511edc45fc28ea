// @vitest-environment jsdom
/** "Same person as": shown when it applies, saying what linking and unlinking do, against the real background. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createHandler } from '../../../entrypoints/background/router';
import { closeKithDb } from '../../../utils/db';
import type { PersonView } from '../../../utils/messages';
import type { ExtractedProfile } from '../../../utils/sites/types';
import { SamePerson } from '../../../components/shared/SamePerson';
import { handlerDeps, pageSender } from '../handler-harness';

/** Kith's sidebar page (the frame on a profile page), where person messages come from. */
const SIDEBAR = pageSender('sidebar.html');

let dbName: string;
let handle: ReturnType<typeof createHandler>;
let inFlight: Promise<unknown>[];

beforeEach(() => {
  fakeBrowser.reset();
  inFlight = [];
  dbName = `kith-same-${Math.random()}`;
  handle = createHandler(handlerDeps(dbName, new Date(2026, 5, 19, 12), () => undefined));
  (fakeBrowser.runtime as { sendMessage: unknown }).sendMessage = (m: unknown) => {
    const reply = handle(m, SIDEBAR);
    inFlight.push(reply);
    return reply;
  };
});
afterEach(async () => {
  cleanup();
  await Promise.allSettled(inFlight);
  await closeKithDb(dbName);
});

const onGithub: ExtractedProfile = { site: 'github', keys: ['github:anowak'], url: 'https://github.com/anowak', name: 'Anna Nowak', readable: true };

async function saveAnna(): Promise<PersonView> {
  const reply = await handle(
    { kith: 'encounter.record', payload: { profile: { site: 'linkedin', keys: ['linkedin:anna'], url: 'https://www.linkedin.com/in/anna/', name: 'Anna Nowak' }, encounter: { date: '2026-06-19', kind: 'event', place: 'Warsaw' } } },
    SIDEBAR,
  );
  return (reply as { value: PersonView }).value;
}

describe('SamePerson', () => {
  it('offers someone saved with the same name, saying what linking does; the search waits behind a question', async () => {
    const anna = await saveAnna();
    let shown: PersonView | null | undefined;
    render(<SamePerson profile={onGithub} view={null} act={async (r) => void (shown = await r)} />);
    const section = screen.getByRole('region', { name: 'Same person as someone saved?' });
    await waitFor(() => expect(section.textContent).toContain('Already saved with the same name: Anna Nowak (Warsaw, 19 Jun 2026).'));
    expect(section.textContent).toContain('If it is them, link this profile to them');
    // Nothing to type into until the user asks.
    expect(within(section).queryByRole('combobox', { name: 'Same person as' })).toBeNull();
    const ask = within(section).getByRole('button', { name: 'Saved them from another profile?' });
    expect(ask.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(ask);
    expect(ask.getAttribute('aria-expanded')).toBe('true');
    const field = within(section).getByRole('combobox', { name: 'Same person as' });
    expect(document.getElementById(field.getAttribute('aria-describedby')!)!.textContent).toContain('Linking makes this profile and that person one');
    expect((within(section).getByRole('button', { name: 'Link profiles' }) as HTMLButtonElement).disabled).toBe(true);

    fireEvent.click(within(section).getByRole('button', { name: 'This is Anna Nowak' }));
    await waitFor(() => expect(shown?.person.id).toBe(anna.person.id));
    expect(shown!.person.keys).toEqual(['linkedin:anna', 'github:anowak']);
  });

  it('with several profiles, says what unlinking this one keeps', async () => {
    const anna = await saveAnna();
    const linked = (await handle({ kith: 'person.link', payload: { personId: anna.person.id, profile: { site: 'github', keys: ['github:anowak'], url: 'https://github.com/anowak', name: '' } } }, SIDEBAR)) as { value: PersonView };
    render(<SamePerson profile={onGithub} view={linked.value} act={async () => undefined} />);
    const unlink = screen.getByRole('button', { name: 'Unlink this GitHub profile' });
    expect(document.getElementById(unlink.getAttribute('aria-describedby')!)!.textContent).toContain('they keep their other profiles and everything you recorded');
  });
});
