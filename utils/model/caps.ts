/**
 * Every cap on what Kith stores, in one place (DESIGN.md: text from pages and files is length-capped
 * before it is stored). The protocol, the data layer, the backup check, the imports and the settings
 * all read these; nothing else spells a cap out.
 */

/** Length caps for stored text, in UTF-16 code units; `tags` and `mergedNames` count entries. */
export const CAPS = {
  name: 200,
  headline: 400,
  company: 200,
  /** As long as a headline: LinkedIn's Connections.csv puts the whole job title here. */
  position: 400,
  location: 200,
  /** RFC 5321's longest address. */
  email: 320,
  tag: 60,
  tags: 100,
  /** What was promised ("send the pilot deck"): one line. */
  followUpNote: 200,
  place: 200,
  /** An encounter's note, and an event's notes. */
  note: 20_000,
  /** A person's free notes. */
  notes: 100_000,
  url: 2_000,
  key: 300,
  /** A record's id: Kith makes UUIDs; a backup may bring any id without spaces. */
  id: 200,
  eventName: 200,
  /** Names an event keeps of the events merged into it. */
  mergedNames: 20,
  /** A search as typed. */
  query: 200,
  /** A photo's data: URL (a thumbnail is a few KB). */
  photoDataUrl: 200 * 1024,
  /** "How to say it": how a name sounds, in letters ("AG-nyeh-shkah"). One line. */
  howToSay: 200,
  /** The one-line association that brings the name back ("Agnieszka, like the lamb: wool scarf"). */
  memoryHook: 200,
  /**
   * A voice note's data: URL: a few seconds of Opus at the browser's speech rate, tens of KB, base64
   * a third more. Recording stops at voiceNoteSeconds, well inside this.
   */
  voiceNoteDataUrl: 160 * 1024,
  /** The longest voice note, in seconds (the recorder stops there). */
  voiceNoteSeconds: 10,
} as const;

/**
 * The longest text a message may carry for a one-line field. Looser than the field's own cap: a page's
 * text may run long, and the data layer cuts it to the cap when it stores it.
 */
export const MESSAGE_LINE = 1000;

/** The longest cadence or snooze, in days (ten years). */
export const MAX_DAYS = 3650;

/** The longest wait for the follow-up suggested after a first meeting, in days (a setting). */
export const MAX_POST_MEETING_DAYS = 365;

/** The most new faces the drill may offer a day (a setting; 20 by default). */
export const MAX_DRILL_NEW_PER_DAY = 200;
/**
 * The largest import: the options page refuses a file of more bytes before reading it (a
 * Connections.csv of 30,000 rows is ~3 MB), and the background a text of more characters.
 */
export const MAX_IMPORT = 100 * 1024 * 1024;
