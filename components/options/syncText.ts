/** The words of the Sync panel that depend on a value: each failure, and "last synced 2 min ago". */
import type { SyncErrorCode } from '@/utils/sync/errors';
import { t } from '@/utils/i18n';
import { optionsLocale } from '@/components/shared/counts';

/** The message naming each failure (message names cannot hold the codes' hyphens). */
const ERROR_MESSAGES: Record<SyncErrorCode, string> = {
  'bad-url': 'syncErrorBadUrl',
  'bad-database-name': 'syncErrorBadDatabaseName',
  unreachable: 'syncErrorUnreachable',
  tls: 'syncErrorTls',
  'not-couchdb': 'syncErrorNotCouchdb',
  unauthorized: 'syncErrorUnauthorized',
  forbidden: 'syncErrorForbidden',
  'no-database': 'syncErrorNoDatabase',
  'not-set-up': 'syncErrorNotSetUp',
  'wrong-passphrase': 'syncErrorWrongPassphrase',
  timeout: 'syncErrorTimeout',
  'server-error': 'syncErrorServer',
  conflict: 'syncErrorConflict',
  aborted: 'syncErrorAborted',
  storage: 'syncErrorStorage',
};

/**
 * What went wrong, plainly. A browser cannot tell a bad certificate from a server that is not there
 * ("Failed to fetch" for both), so for an https server "unreachable" mentions the certificate too.
 */
export function syncErrorText(code: SyncErrorCode, url: string, database: string): string {
  let origin = url;
  try {
    origin = new URL(url).origin;
  } catch {
    // Shown as typed.
  }
  if (code === 'unreachable' && origin.startsWith('https:')) return t('syncErrorUnreachableHttps', origin);
  return t(ERROR_MESSAGES[code], origin, database);
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
let relative: Intl.RelativeTimeFormat | undefined;

/** "just now", "2 min. ago", "3 hr. ago", "yesterday", in the messages' language. */
export function timeAgo(at: number, now: number): string {
  const ago = Math.max(0, now - at);
  if (ago < 45 * SECOND) return t('syncJustNow');
  relative ??= new Intl.RelativeTimeFormat(optionsLocale(), { numeric: 'auto', style: 'short' });
  if (ago < HOUR) return relative.format(-Math.max(1, Math.round(ago / MINUTE)), 'minute');
  if (ago < DAY) return relative.format(-Math.round(ago / HOUR), 'hour');
  return relative.format(-Math.round(ago / DAY), 'day');
}

/**
 * The optional host permission for a server: its scheme and host, every port (match patterns name
 * no port in Firefox). Undefined for an address Kith would not use.
 */
export function serverPattern(url: string): string | undefined {
  try {
    const u = new URL(url.trim());
    return /^https?:$/.test(u.protocol) ? `${u.protocol}//${u.hostname}/*` : undefined;
  } catch {
    return undefined;
  }
}
