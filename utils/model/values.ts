/**
 * valibot checks of the model's values, shared by the protocol (utils/messages.ts), the person field
 * table and the backup check, so a day or a cadence is one rule with one reason wherever it arrives.
 * Each reason completes a sentence that starts with where the value was: "followUp.due must be ...".
 */
import * as v from 'valibot';
import { isLocalDay, isPartialDate } from '../dates';
import { CAPS, MAX_DAYS } from './caps';

export const MUST_BE_TEXT = 'must be text';
const MUST_BE_DAY = 'must be a day written YYYY-MM-DD';
const MUST_BE_DATE = 'must be a date written YYYY, YYYY-MM or YYYY-MM-DD';
const MUST_BE_DAYS = `must be a whole number of days from 1 to ${MAX_DAYS}`;

/** A full local day, 'YYYY-MM-DD'. */
export const day = v.pipe(v.string(MUST_BE_DAY), v.check(isLocalDay, MUST_BE_DAY));

/** A day or part of one: 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'. */
export const partialDate = v.pipe(v.string(MUST_BE_DATE), v.check(isPartialDate, MUST_BE_DATE));

/** A cadence or a snooze: whole days, 1 to MAX_DAYS. */
export const dayCount = v.pipe(v.number(MUST_BE_DAYS), v.integer(MUST_BE_DAYS), v.minValue(1, MUST_BE_DAYS), v.maxValue(MAX_DAYS, MUST_BE_DAYS));

/** Text of at most `max` characters, refused (not cut) when longer: what a message may carry. */
export const text = (max: number) => v.pipe(v.string(MUST_BE_TEXT), v.maxLength(max, `must be at most ${max} characters`));

/** An absolute http(s) URL (what a file may hold for a profile or an event). */
export function isWebUrl(value: string): boolean {
  if (!/^https?:\/\//i.test(value)) return false;
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}

/** An object that is not a list (what JSON calls an object). */
export const plainObject = (message: string) =>
  v.custom<Record<string, unknown>>((value) => typeof value === 'object' && value !== null && !Array.isArray(value), message);

/**
 * A value a file may leave out or give as null (a backup written by hand, or by another tool, may say
 * `"headline": null`): the record it is in drops the key either way, so stored records carry neither.
 */
export const absent = <S extends v.GenericSchema>(schema: S) => v.nullish(schema);

const MUST_BE_AUDIO = 'must be a data: URL of WebM, Ogg or MP4 audio';
const MUST_BE_SECONDS = `must be a number of seconds up to ${CAPS.voiceNoteSeconds}`;

/**
 * A voice note's recording: a base64 data: URL of the kinds browsers' MediaRecorder makes (the
 * recorder's codecs parameter left off: players do not need it), at most CAPS.voiceNoteDataUrl.
 */
export const voiceDataUrl = v.pipe(
  v.string(MUST_BE_AUDIO),
  v.maxLength(CAPS.voiceNoteDataUrl, `is too long for a voice note (over ${CAPS.voiceNoteDataUrl / 1024} KB)`),
  v.regex(/^data:audio\/(?:webm|ogg|mp4|mpeg);base64,[A-Za-z0-9+/]+={0,2}$/, MUST_BE_AUDIO),
);

/** A voice note's length: up to CAPS.voiceNoteSeconds, a little over allowed for the recorder stopping late. */
export const voiceSeconds = v.pipe(v.number(MUST_BE_SECONDS), v.minValue(0, MUST_BE_SECONDS), v.maxValue(CAPS.voiceNoteSeconds + 1, MUST_BE_SECONDS));
