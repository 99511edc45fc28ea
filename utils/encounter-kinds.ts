import type { EncounterKind } from '@/utils/model/types';

/** The i18n message of each encounter kind. */
export const KIND_MESSAGE: Record<EncounterKind, string> = {
  'in-person': 'kindInPerson',
  event: 'kindEvent',
  call: 'kindCall',
  video: 'kindVideo',
  message: 'kindMessage',
  email: 'kindEmail',
  other: 'kindOther',
};
