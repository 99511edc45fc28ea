import type { MergeReport, Counts } from '@/utils/import/merge';
import type { ConnectionsReport } from '@/utils/import/connections-plan';
import { t } from '@/utils/i18n';
import { formatCount } from '@/components/shared/counts';

/** How many names of a list are shown; the rest are counted ("+N more"). */
const VISIBLE_NAMES = 50;

function isCounts(v: unknown): v is Counts {
  const c = v as Counts;
  return !!c && typeof c.added === 'number' && typeof c.updated === 'number' && typeof c.unchanged === 'number';
}
function isMergeReport(v: unknown): v is MergeReport {
  const r = v as MergeReport;
  return !!r && isCounts(r.people) && isCounts(r.encounters) && isCounts(r.events);
}
function isConnectionsReport(v: unknown): v is ConnectionsReport {
  const r = v as ConnectionsReport;
  return isCounts(r) && Array.isArray(r.whoIsThis) && Array.isArray(r.metNotConnected);
}

function CountsTable({ id, rows }: { id: string; rows: { label: string; counts: Counts }[] }) {
  return (
    <table class="kith-report-table" aria-labelledby={id}>
      <thead>
        <tr>
          <th scope="col">{t('optionsReportKind')}</th>
          <th scope="col">{t('optionsReportAdded')}</th>
          <th scope="col">{t('optionsReportUpdated')}</th>
          <th scope="col">{t('optionsReportUnchanged')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ label, counts }) => (
          <tr key={label}>
            <th scope="row">{label}</th>
            <td>{formatCount(counts.added)}</td>
            <td>{formatCount(counts.updated)}</td>
            <td>{formatCount(counts.unchanged)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function NameList({ id, heading, people }: { id: string; heading: string; people: { id: string; name: string }[] }) {
  const shown = people.slice(0, VISIBLE_NAMES);
  const more = people.length - shown.length;
  return (
    <div class="kith-names">
      <h4 id={id}>{heading}</h4>
      {people.length === 0 ? (
        <p class="kith-hint">{t('optionsNobody')}</p>
      ) : (
        <>
          <ul aria-labelledby={id}>
            {shown.map((p) => (
              <li key={p.id}>{p.name || t('optionsUnnamed')}</li>
            ))}
          </ul>
          {more > 0 && <p class="kith-more">{t('optionsMore', formatCount(more))}</p>}
        </>
      )}
    </div>
  );
}

/** What an import changed: counts per kind of record, and for Connections.csv the two lists. */
export function ImportReport({ id, heading, report }: { id: string; heading: string; report: unknown }) {
  const headingId = `${id}-h`;
  const title = (
    <h3 id={headingId} tabIndex={-1} class="kith-report-h">
      {heading}
    </h3>
  );
  if (isMergeReport(report)) {
    return (
      <div class="kith-report" id={id}>
        {title}
        <CountsTable
          id={headingId}
          rows={[
            { label: t('optionsReportPeople'), counts: report.people },
            { label: t('optionsReportEncounters'), counts: report.encounters },
            { label: t('optionsReportEvents'), counts: report.events },
          ]}
        />
      </div>
    );
  }
  if (isConnectionsReport(report)) {
    return (
      <div class="kith-report" id={id}>
        {title}
        <CountsTable id={headingId} rows={[{ label: t('optionsReportPeople'), counts: report }]} />
        <NameList
          id={`${id}-who`}
          heading={t('optionsWhoIsThis', formatCount(report.whoIsThis.length))}
          people={report.whoIsThis}
        />
        <NameList
          id={`${id}-met`}
          heading={t('optionsMetNotConnected', formatCount(report.metNotConnected.length))}
          people={report.metNotConnected}
        />
      </div>
    );
  }
  return (
    <div class="kith-report" id={id}>
      {title}
    </div>
  );
}
