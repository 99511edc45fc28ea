import type { ExportFormat } from '@/utils/messages';
import type { KithData } from '@/utils/model/types';
import { exportBackup } from '@/utils/formats/json-backup';
import { exportCsv } from '@/utils/formats/csv';
import { exportVcards } from '@/utils/formats/vcard';
import { exportIcal } from '@/utils/formats/ical';
import { localDay } from '@/utils/dates';

/** Builds an export file: its name (dated, so backups never overwrite each other), type and text. */
export function exportFile(data: KithData, format: ExportFormat, now: Date): { filename: string; mime: string; text: string } {
  const stamp = localDay(now);
  switch (format) {
    case 'json':
      return { filename: `kith-backup-${stamp}.json`, mime: 'application/json', text: exportBackup(data, now.toISOString()) };
    case 'csv':
      return { filename: `kith-people-${stamp}.csv`, mime: 'text/csv;charset=utf-8', text: exportCsv(data) };
    case 'vcard3':
    case 'vcard4':
      return {
        filename: `kith-contacts-${stamp}.vcf`,
        mime: 'text/vcard;charset=utf-8',
        text: exportVcards(data, format === 'vcard3' ? '3.0' : '4.0'),
      };
    case 'ics':
      return { filename: `kith-follow-ups-${stamp}.ics`, mime: 'text/calendar;charset=utf-8', text: exportIcal(data, { today: stamp, now: now.getTime() }) };
  }
}
