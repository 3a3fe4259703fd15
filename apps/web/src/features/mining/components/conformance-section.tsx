import { type FormEvent, type ReactNode, useId, useState } from 'react';
import { type ApiError, toApiError } from '../../../api/client';
import { useApi } from '../../../api/use-api';
import { ErrorAlert } from '../../../components/error-alert';
import { LiveStatus } from '../../../components/live-status';
import { Link } from '../../../router';
import { fetchProcessMap, type MiningFilters } from '../api';
import {
  type ConformanceResponse,
  type DeadlinesResponse,
  fetchConformance,
  fetchDeadlines,
  pairRules,
  type RuleSpec,
  type RulesResponse,
  type RuleType,
  ruleTypes,
  runRules,
} from '../conformance-api';
import type { MiningFormat } from '../format';
import { useMiningFormat } from '../format';

const defaultKind = 'citizen_inquiry';
const shownDeadlineRows = 25;
const shownRuleCases = 30;

/** A table in a keyboard-reachable scroll region, named by its caption. */
function ScrollTable({ caption, children, testId }: { caption: string; children: ReactNode; testId?: string }) {
  const id = useId();
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1)
    <section className="table-scroll" aria-labelledby={`${id}-caption`} tabIndex={0}>
      <table className="case-table mining-table" data-testid={testId}>
        <caption id={`${id}-caption`}>{caption}</caption>
        {children}
      </table>
    </section>
  );
}

function Figures({ figures, testId }: { figures: [key: string, term: string, value: string][]; testId: string }) {
  return (
    <dl className="facts facts--large mining-figures" data-testid={testId}>
      {figures.map(([key, term, value]) => (
        <div className="facts__item" key={key} data-figure={key}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

const caseLink = (caseNumber: string) => <Link to={`/sager/${encodeURIComponent(caseNumber)}`}>{caseNumber}</Link>;

function WorkflowFitness({ data, format }: { data: ConformanceResponse; format: MiningFormat }) {
  const { t, formatNumber, label } = format.tr;
  const kind = label('kinds', data.kind);
  const activities = (list: string[]) => (list.length ? list.map((a) => format.activity(a)).join(', ') : '–');
  return (
    <>
      <Figures
        testId="conformance-figures"
        figures={[
          ['fitness', t('conformance.logFitness'), formatNumber(Math.round(data.logFitness * 1000) / 1000)],
          ['trace-fitness', t('conformance.averageTraceFitness'), formatNumber(Math.round(data.averageTraceFitness * 1000) / 1000)],
          ['fitting', t('conformance.percentFitting'), t('mining.percent', { n: formatNumber(Math.round(data.percentFittingTraces * 10) / 10) })],
          ['cases', t('conformance.cases'), formatNumber(data.cases)],
          ['deviating', t('conformance.deviatingCases'), formatNumber(data.deviatingCases)],
        ]}
      />
      <p className="muted">{t('conformance.fitnessHint', { kind, version: data.workflowVersion })}</p>
      {data.deviations.length === 0 ? (
        <p className="empty" data-testid="no-deviations">
          {t('conformance.noDeviations')}
        </p>
      ) : (
        <ScrollTable caption={t('conformance.deviationsCaption', { kind, shown: data.deviations.length, total: data.deviatingCases })} testId="deviations">
          <thead>
            <tr>
              <th scope="col">{t('conformance.colCase')}</th>
              <th scope="col" className="mining-table__num">
                {t('conformance.colFitness')}
              </th>
              <th scope="col">{t('conformance.colMissing')}</th>
              <th scope="col">{t('conformance.colUnexpected')}</th>
              <th scope="col">{t('conformance.colStatus')}</th>
            </tr>
          </thead>
          <tbody>
            {data.deviations.map((d) => (
              <tr key={d.caseNumber} data-testid="deviation-row">
                <th scope="row">{caseLink(d.caseNumber)}</th>
                <td className="mining-table__num">{formatNumber(Math.round(d.fitness * 1000) / 1000)}</td>
                <td>{activities(d.missing)}</td>
                <td>{activities(d.unexpected)}</td>
                <td>{d.open ? t('conformance.running') : t('conformance.finished')}</td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      )}
      <ScrollTable caption={t('conformance.perActivityCaption', { kind })}>
        <thead>
          <tr>
            <th scope="col">{t('conformance.colActivity')}</th>
            <th scope="col" className="mining-table__num">
              {t('mining.colCount')}
            </th>
            <th scope="col" className="mining-table__num">
              {t('conformance.colDeviations')}
            </th>
          </tr>
        </thead>
        <tbody>
          {data.perActivity.map((a) => (
            <tr key={a.activity}>
              <th scope="row">{format.activity(a.activity)}</th>
              <td className="mining-table__num">{formatNumber(a.count)}</td>
              <td className="mining-table__num">{formatNumber(a.deviations)}</td>
            </tr>
          ))}
        </tbody>
      </ScrollTable>
    </>
  );
}

function DeadlineBreaches({ data, format }: { data: DeadlinesResponse; format: MiningFormat }) {
  const { t, formatNumber, formatDate, formatDateTime, label } = format.tr;
  const rate = (r: number) => format.share(Math.round(r * 1000) / 1000);
  const shown = data.cases.slice(0, shownDeadlineRows);
  return (
    <>
      <Figures
        testId="deadline-figures"
        figures={[
          ['breach-rate', t('conformance.breachRate'), rate(data.breachRate)],
          ['met', t('conformance.met'), formatNumber(data.met)],
          ['breached', t('conformance.breached'), formatNumber(data.breached)],
          ['open-overdue', t('conformance.openOverdue'), formatNumber(data.openOverdue)],
          ['open', t('conformance.open'), formatNumber(data.open)],
        ]}
      />
      <p className="muted">{t('conformance.breachRateHint')}</p>
      <ScrollTable caption={t('conformance.byKindCaption')}>
        <thead>
          <tr>
            <th scope="col">{t('mining.kind')}</th>
            <th scope="col" className="mining-table__num">
              {t('conformance.cases')}
            </th>
            <th scope="col" className="mining-table__num">
              {t('conformance.met')}
            </th>
            <th scope="col" className="mining-table__num">
              {t('conformance.breached')}
            </th>
            <th scope="col" className="mining-table__num">
              {t('conformance.openOverdue')}
            </th>
            <th scope="col" className="mining-table__num">
              {t('conformance.breachRate')}
            </th>
          </tr>
        </thead>
        <tbody>
          {data.byKind.map((k) => (
            <tr key={k.kind}>
              <th scope="row">{label('kinds', k.kind)}</th>
              <td className="mining-table__num">{formatNumber(k.total)}</td>
              <td className="mining-table__num">{formatNumber(k.met)}</td>
              <td className="mining-table__num">{formatNumber(k.breached)}</td>
              <td className="mining-table__num">{formatNumber(k.openOverdue)}</td>
              <td className="mining-table__num">{rate(k.breachRate)}</td>
            </tr>
          ))}
        </tbody>
      </ScrollTable>
      {shown.length === 0 ? (
        <p className="empty">{t('conformance.noBreaches')}</p>
      ) : (
        <ScrollTable caption={t('conformance.breachesCaption', { shown: shown.length, total: data.cases.length })} testId="deadline-breaches">
          <thead>
            <tr>
              <th scope="col">{t('conformance.colCase')}</th>
              <th scope="col">{t('mining.kind')}</th>
              <th scope="col">{t('conformance.colDeadline')}</th>
              <th scope="col">{t('conformance.colAnswered')}</th>
              <th scope="col" className="mining-table__num">
                {t('conformance.colLate')}
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.map((c) => (
              <tr key={c.caseNumber} data-testid="deadline-row">
                <th scope="row">{caseLink(c.caseNumber)}</th>
                <td>{label('kinds', c.kind)}</td>
                <td>{formatDate(c.deadline)}</td>
                <td>{c.answeredAt ? formatDateTime(c.answeredAt) : t('conformance.notAnswered')}</td>
                <td className="mining-table__num">{format.workingDays(c.workingDaysLate)}</td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      )}
    </>
  );
}

function RuleEditor({ filters, format }: { filters: MiningFilters; format: MiningFormat }) {
  const { t, formatNumber } = format.tr;
  const id = useId();
  const map = useApi(JSON.stringify(filters), (signal) => fetchProcessMap(filters, { activity: 100, path: 100 }, signal));
  const activities = (map.data?.activities ?? []).map((a) => a.activity);
  const [type, setType] = useState<RuleType>('must_happen');
  const [a, setA] = useState('');
  const [b, setB] = useState('');
  const [rules, setRules] = useState<RuleSpec[]>([]);
  const [result, setResult] = useState<RulesResponse | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const needsB = pairRules.has(type);
  const first = a || activities[0] || '';
  const second = b || activities[1] || activities[0] || '';

  const describe = (r: { type: RuleType; a: string; b?: string | null }) =>
    t(`conformance.rule_${r.type}`, { a: format.activity(r.a), b: r.b ? format.activity(r.b) : '' });

  const add = (event: FormEvent) => {
    event.preventDefault();
    if (!first || (needsB && !second)) return;
    setRules((prev) => [...prev, needsB ? { type, a: first, b: second } : { type, a: first }]);
    setResult(null);
  };
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      setResult(await runRules(rules, filters));
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="mining-rules" data-testid="rule-editor">
      <form className="filters" onSubmit={add} aria-labelledby={`${id}-title`}>
        <h4 id={`${id}-title`} className="filters__title">
          {t('conformance.newRule')}
        </h4>
        <div className="mining-filters__grid">
          <div className="field">
            <label htmlFor={`${id}-type`}>{t('conformance.ruleType')}</label>
            <select id={`${id}-type`} value={type} onChange={(e) => setType(e.target.value as RuleType)} data-testid="rule-type">
              {ruleTypes.map((r) => (
                <option key={r} value={r}>
                  {t(`conformance.type_${r}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-a`}>{needsB ? t('conformance.activityA') : t('conformance.activity')}</label>
            <select id={`${id}-a`} value={first} onChange={(e) => setA(e.target.value)} data-testid="rule-a">
              {activities.map((x) => (
                <option key={x} value={x}>
                  {format.activity(x)}
                </option>
              ))}
            </select>
          </div>
          {needsB ? (
            <div className="field">
              <label htmlFor={`${id}-b`}>{t('conformance.activityB')}</label>
              <select id={`${id}-b`} value={second} onChange={(e) => setB(e.target.value)} data-testid="rule-b">
                {activities.map((x) => (
                  <option key={x} value={x}>
                    {format.activity(x)}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
        </div>
        <div className="button-row">
          <button type="submit" className="button button--secondary" disabled={activities.length === 0} data-testid="rule-add">
            {t('conformance.addRule')}
          </button>
        </div>
      </form>
      {rules.length === 0 ? (
        <p className="empty">{t('conformance.noRules')}</p>
      ) : (
        <>
          <ol className="mining-rule-list" aria-label={t('conformance.rulesList')}>
            {rules.map((r, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the same rule may be listed twice; position is its identity
              <li key={i}>
                {describe(r)}{' '}
                <button
                  type="button"
                  className="button button--secondary button--small"
                  onClick={() => {
                    setRules((prev) => prev.filter((_, j) => j !== i));
                    setResult(null);
                  }}
                >
                  {t('conformance.removeRule')}
                  <span className="visually-hidden">: {describe(r)}</span>
                </button>
              </li>
            ))}
          </ol>
          <div className="button-row">
            <button type="button" className="button button--primary" onClick={run} disabled={busy} aria-busy={busy} data-testid="rules-run">
              {t('conformance.runRules')}
            </button>
          </div>
        </>
      )}
      <ErrorAlert error={error} />
      <LiveStatus visuallyHidden>
        {busy ? t('app.loading') : result ? t('conformance.rulesDone', { n: result.results.length, cases: result.cases }) : ''}
      </LiveStatus>
      {result ? (
        <ScrollTable caption={t('conformance.rulesCaption', { cases: formatNumber(result.cases) })} testId="rule-results">
          <thead>
            <tr>
              <th scope="col">{t('conformance.colRule')}</th>
              <th scope="col" className="mining-table__num">
                {t('conformance.colChecked')}
              </th>
              <th scope="col" className="mining-table__num">
                {t('conformance.colViolations')}
              </th>
              <th scope="col">{t('conformance.colViolatingCases')}</th>
            </tr>
          </thead>
          <tbody>
            {result.results.map((r, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: results come in the order of the rules
              <tr key={i} data-testid="rule-result">
                <th scope="row">{describe(r)}</th>
                <td className="mining-table__num">{formatNumber(r.casesChecked)}</td>
                <td className="mining-table__num" data-testid="rule-violations">
                  {formatNumber(r.violations)}
                </td>
                <td>
                  {r.caseNumbers.length === 0 ? (
                    '–'
                  ) : (
                    <ul className="mining-case-list">
                      {r.caseNumbers.slice(0, shownRuleCases).map((n) => (
                        <li key={n}>{caseLink(n)}</li>
                      ))}
                      {r.violations > shownRuleCases ? <li>{t('conformance.andMore', { n: formatNumber(r.violations - shownRuleCases) })}</li> : null}
                    </ul>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      ) : null}
    </div>
  );
}

/** The body of the section, mounted only when opened so nothing loads before it is wanted. */
function ConformanceBody({ filters }: { filters: MiningFilters }) {
  const format = useMiningFormat();
  const { t, entries } = format.tr;
  const id = useId();
  const pageKind = filters.kind && !filters.kind.includes(',') ? filters.kind : '';
  const [kind, setKind] = useState(pageKind || defaultKind);
  const conformance = useApi(JSON.stringify({ kind, filters }), (signal) => fetchConformance(kind, filters, signal));
  const deadlines = useApi(JSON.stringify(filters), (signal) => fetchDeadlines(filters, signal));
  return (
    <div className="mining-conformance__body">
      <h3 className="mining-section-title">{t('conformance.workflowTitle')}</h3>
      <div className="field">
        <label htmlFor={`${id}-kind`}>{t('conformance.referenceKind')}</label>
        <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value)} data-testid="conformance-kind">
          {entries('kinds').map(([value, text]) => (
            <option key={value} value={value}>
              {text}
            </option>
          ))}
        </select>
      </div>
      <LiveStatus visuallyHidden>
        {conformance.isLoading ? t('app.loading') : conformance.data ? t('conformance.loaded', { cases: conformance.data.cases }) : ''}
      </LiveStatus>
      <ErrorAlert error={conformance.error} />
      <div aria-busy={conformance.isLoading} data-testid="conformance-result" data-status={conformance.data && !conformance.isLoading ? 'ready' : 'loading'}>
        {conformance.data ? (
          <WorkflowFitness data={conformance.data} format={format} />
        ) : conformance.isLoading ? (
          <p className="loading">{t('app.loading')}</p>
        ) : null}
      </div>

      <h3 className="mining-section-title">{t('conformance.deadlinesTitle')}</h3>
      <p className="muted">{t('conformance.deadlinesIntro')}</p>
      <ErrorAlert error={deadlines.error} />
      <div aria-busy={deadlines.isLoading} data-testid="deadline-result">
        {deadlines.data ? (
          <DeadlineBreaches data={deadlines.data} format={format} />
        ) : deadlines.isLoading ? (
          <p className="loading">{t('app.loading')}</p>
        ) : null}
      </div>

      <h3 className="mining-section-title">{t('conformance.rulesTitle')}</h3>
      <p className="muted">{t('conformance.rulesIntro')}</p>
      <RuleEditor filters={filters} format={format} />
    </div>
  );
}

/**
 * Conformance: how the chosen cases followed their workflow (alignments against the kind's current
 * definition), their deadline breaches, and rules the process owner writes. Opened on demand.
 */
export function ConformanceSection({ filters }: { filters: MiningFilters }) {
  const format = useMiningFormat();
  const { t } = format.tr;
  const id = useId();
  const [open, setOpen] = useState(false);
  return (
    <section className="mining-panel mining-conformance" aria-labelledby={`${id}-title`} data-testid="conformance">
      <h2 id={`${id}-title`} className="mining-panel__title">
        {t('conformance.title')}
      </h2>
      <p className="muted">{t('conformance.intro')}</p>
      <button
        type="button"
        className="button button--secondary"
        aria-expanded={open}
        aria-controls={`${id}-body`}
        onClick={() => setOpen((o) => !o)}
        data-testid="conformance-toggle"
      >
        {open ? t('conformance.hide') : t('conformance.show')}
      </button>
      <div id={`${id}-body`} hidden={!open}>
        {open ? <ConformanceBody filters={filters} /> : null}
      </div>
    </section>
  );
}
