import { useId, useState } from 'react';
import { useT } from '../../../i18n';
import { type MeasurementFilters, reportUrl } from '../api';
import { copenhagenDay, latestCompleteMonth } from '../query';

/** The last two years of months, newest first (YYYY-MM). */
function recentMonths(count = 24): string[] {
  const [y, m] = copenhagenDay().split('-').map(Number) as [number, number];
  return Array.from({ length: count }, (_, i) => {
    const total = y * 12 + (m - 1) - i;
    return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
  });
}

/** The monthly report for management, the MED committee or the audit: a month, as DOCX or PDF, with the page's filter. */
export function ReportDownload({ filters }: { filters: MeasurementFilters }) {
  const { t, lang } = useT();
  const id = useId();
  const complete = latestCompleteMonth();
  const [month, setMonth] = useState(complete);
  const monthName = new Intl.DateTimeFormat(lang === 'da' ? 'da-DK' : 'en-GB', { timeZone: 'UTC', month: 'long', year: 'numeric' });
  return (
    <section className="panel" aria-labelledby={`${id}-h`} data-testid="monthly-report">
      <h2 id={`${id}-h`} className="panel__title">
        {t('measurement.reportTitle')}
      </h2>
      <p>{t('measurement.reportIntro')}</p>
      <div className="field">
        <label htmlFor={`${id}-month`}>{t('measurement.reportMonth')}</label>
        <select id={`${id}-month`} value={month} onChange={(e) => setMonth(e.target.value)} aria-describedby={`${id}-hint`} data-testid="report-month">
          {recentMonths().map((ym) => (
            <option key={ym} value={ym}>
              {monthName.format(new Date(`${ym}-01T00:00:00Z`))}
              {ym > complete ? ` ${t('measurement.reportMonthIncomplete')}` : ''}
            </option>
          ))}
        </select>
        <p id={`${id}-hint`} className="field__hint">
          {t('measurement.reportMonthHint')}
        </p>
      </div>
      <div className="button-row">
        <a className="button button--primary" href={reportUrl(month, 'docx', filters)} download data-testid="report-docx">
          {t('measurement.reportDocx')}
        </a>
        <a className="button button--secondary" href={reportUrl(month, 'pdf', filters)} download data-testid="report-pdf">
          {t('measurement.reportPdf')}
        </a>
      </div>
    </section>
  );
}
