import { useId } from 'react';
import type { CaseDto } from '../../../api/types';
import { DeadlineInfo } from '../../../components/deadline-info';
import { StateBadge } from '../../../components/state-badge';
import { useT } from '../../../i18n';
import { Link } from '../../../router';

interface CaseTableProps {
  items: CaseDto[];
  caption: string;
  summary: string;
}

/** The inbox table; the case number is the link to the case (one link per row, no clickable rows). */
export function CaseTable({ items, caption, summary }: CaseTableProps) {
  const { t, label } = useT();
  const id = useId();
  return (
    // Focusable so keyboard users can scroll the table sideways on narrow screens.
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1)
    <section className="table-scroll" aria-labelledby={`${id}-caption`} tabIndex={0}>
      <table className="case-table">
        <caption id={`${id}-caption`}>
          {caption} <span className="case-table__summary">{summary}</span>
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('inbox.colNumber')}</th>
            <th scope="col">{t('inbox.colTitle')}</th>
            <th scope="col">{t('inbox.colKind')}</th>
            <th scope="col">{t('inbox.colState')}</th>
            <th scope="col">{t('inbox.colDeadline')}</th>
            <th scope="col">{t('inbox.colAssignee')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((c) => {
            const overdue = !c.isTerminal && c.workingDaysLeft !== null && c.workingDaysLeft < 0;
            return (
              <tr
                key={c.id}
                data-testid="case-row"
                data-case-number={c.number}
                data-overdue={overdue ? 'true' : undefined}
                className={overdue ? 'case-table__row--overdue' : undefined}
              >
                <th scope="row" className="case-table__number">
                  <Link to={`/sager/${encodeURIComponent(c.number)}`}>{c.number}</Link>
                </th>
                <td className="case-table__title">
                  {c.title}
                  {c.flags.length > 0 ? <span className="badge badge--warning case-table__flag">{t('case.flagsTitle')}</span> : null}
                </td>
                <td>{label('kinds', c.kind)}</td>
                <td>
                  <StateBadge state={c.state} isTerminal={c.isTerminal} />
                </td>
                <td>
                  <DeadlineInfo deadline={c.deadline} workingDaysLeft={c.workingDaysLeft} isTerminal={c.isTerminal} compact />
                </td>
                <td>{c.assigneeName ?? c.assigneeId ?? <span className="muted">{t('inbox.unassigned')}</span>}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
