import { caseKinds, channels } from '@ekspedit/core/api';
import { useEffect, useId, useState } from 'react';
import { type ApiError, toApiError } from '../api/client';
import { useApi } from '../api/use-api';
import { ErrorAlert } from '../components/error-alert';
import { LiveStatus } from '../components/live-status';
import { PageHeading } from '../components/page-heading';
import { useAuth } from '../features/auth/auth-context';
import { fetchAuditSamples, fetchPolicy, fetchRatings, type PolicyDocument, type PolicyDto, savePolicy } from '../features/review/api';
import { type MessageKey, useT } from '../i18n';
import { Link } from '../router';

type Rule = PolicyDocument['rules'][number];
const features = ['classification', 'drafting', 'auto_send'] as const;
const levels = [0, 1, 2, 3] as const;

const emptyRule = (): Rule => ({ kind: null, kleGroup: null, channel: null, level: 2, autoSend: null });

/** The automation policy, readable by all; admins edit it as a new version. Below it, the unit's ratings of AI. */
export function AiPolicyPage() {
  const { t, label, formatDateTime } = useT();
  const id = useId();
  const { state } = useAuth();
  const isAdmin = state.status === 'signed-in' && state.user.roles.includes('admin');
  const policy = useApi('policy', (signal) => fetchPolicy(signal));
  const ratings = useApi('ratings', (signal) => fetchRatings(signal));
  const samples = useApi('audit-samples', (signal) => fetchAuditSamples(signal));
  const [doc, setDoc] = useState<PolicyDocument | null>(null);
  const [comment, setComment] = useState('');
  const [status, setStatus] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [isSaving, setSaving] = useState(false);
  const current: PolicyDto | null = policy.data?.current ?? null;

  useEffect(() => {
    if (current)
      setDoc({ defaultLevel: current.defaultLevel, rules: current.rules, killSwitches: current.killSwitches, approvalChains: current.approvalChains });
  }, [current]);

  const setRule = (i: number, patch: Partial<Rule>) => setDoc((d) => (d ? { ...d, rules: d.rules.map((r, j) => (j === i ? { ...r, ...patch } : r)) } : d));
  const save = async () => {
    if (!doc || !current) return;
    setError(null);
    setStatus('');
    setSaving(true);
    try {
      const saved = await savePolicy(doc, comment, current.version);
      setComment('');
      await policy.reload();
      setStatus(t('policy.saved', { version: saved.current.version }));
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setSaving(false);
    }
  };

  const up = ratings.data?.items.filter((r) => r.rating === 'up').length ?? 0;
  const down = (ratings.data?.items.length ?? 0) - up;
  return (
    <div className="page page--policy">
      <PageHeading title={t('policy.title')}>{t('policy.title')}</PageHeading>
      <p>{t('policy.intro')}</p>
      <ErrorAlert error={policy.error} />
      {current && doc ? (
        <>
          <p data-testid="policy-version" data-version={current.version}>
            <strong>{current.version === 0 ? t('policy.builtIn') : t('policy.version', { version: current.version })}</strong>
            {current.createdAt ? ` · ${t('policy.changedBy', { name: current.createdByName ?? '?', date: formatDateTime(current.createdAt) })}` : null}
          </p>

          <section className="panel" aria-labelledby={`${id}-kill`}>
            <h2 id={`${id}-kill`} className="panel__title">
              {t('policy.killTitle')}
            </h2>
            <p className="field__hint">{t('policy.killIntro')}</p>
            {features.map((f) => (
              <div className="checkbox" key={f}>
                <input
                  id={`${id}-kill-${f}`}
                  type="checkbox"
                  data-testid={`kill-${f}`}
                  disabled={!isAdmin}
                  checked={doc.killSwitches[f]}
                  onChange={(e) => setDoc({ ...doc, killSwitches: { ...doc.killSwitches, [f]: e.target.checked } })}
                />
                <label htmlFor={`${id}-kill-${f}`}>
                  {t(`policy.kill_${f}` as MessageKey)} ({current.killSwitches[f] ? t('policy.stopped') : t('policy.running')})
                </label>
              </div>
            ))}
          </section>

          <section className="panel" aria-labelledby={`${id}-rules`}>
            <h2 id={`${id}-rules`} className="panel__title">
              {t('policy.rulesTitle')}
            </h2>
            <ul className="field__hint">
              {levels.map((l) => (
                <li key={l}>{t(`policy.level${l}` as MessageKey)}</li>
              ))}
            </ul>
            <div className="field">
              <label htmlFor={`${id}-default`}>{t('policy.defaultLevel')}</label>
              <select
                id={`${id}-default`}
                disabled={!isAdmin}
                value={doc.defaultLevel}
                onChange={(e) => setDoc({ ...doc, defaultLevel: Number(e.target.value) as Rule['level'] })}
              >
                {levels
                  .filter((l) => l < 3)
                  .map((l) => (
                    <option key={l} value={l}>
                      {t(`policy.level${l}` as MessageKey)}
                    </option>
                  ))}
              </select>
            </div>
            {doc.rules.length === 0 ? <p className="empty">{t('policy.noRules')}</p> : null}
            <ol className="policy-rules">
              {doc.rules.map((rule, i) => {
                const n = i + 1;
                const rid = `${id}-rule-${i}`;
                return (
                  // biome-ignore lint/suspicious/noArrayIndexKey: rules are edited in place and have no id
                  <li key={i} className="policy-rule" data-testid="policy-rule">
                    <fieldset disabled={!isAdmin}>
                      <legend>#{n}</legend>
                      <div className="field">
                        <label htmlFor={`${rid}-kind`}>{t('policy.kind')}</label>
                        <select id={`${rid}-kind`} value={rule.kind ?? ''} onChange={(e) => setRule(i, { kind: (e.target.value || null) as Rule['kind'] })}>
                          <option value="">{t('policy.any')}</option>
                          {caseKinds.map((k) => (
                            <option key={k} value={k}>
                              {label('kinds', k)}
                            </option>
                          ))}
                        </select>
                      </div>
                      <div className="field">
                        <label htmlFor={`${rid}-kle`}>{t('policy.kleGroup')}</label>
                        <input
                          id={`${rid}-kle`}
                          data-testid="rule-kle"
                          value={rule.kleGroup ?? ''}
                          aria-describedby={`${rid}-kle-hint`}
                          onChange={(e) => setRule(i, { kleGroup: e.target.value.trim() || null })}
                        />
                        <p id={`${rid}-kle-hint`} className="field__hint">
                          {t('policy.kleGroupHint')}
                        </p>
                      </div>
                      <div className="field">
                        <label htmlFor={`${rid}-channel`}>{t('policy.channel')}</label>
                        <select
                          id={`${rid}-channel`}
                          value={rule.channel ?? ''}
                          onChange={(e) => setRule(i, { channel: (e.target.value || null) as Rule['channel'] })}
                        >
                          <option value="">{t('policy.any')}</option>
                          {channels.map((ch) => (
                            <option key={ch} value={ch}>
                              {label('channels', ch)}
                            </option>
                          ))}
                        </select>
                      </div>
                      <div className="field">
                        <label htmlFor={`${rid}-level`}>{t('policy.level')}</label>
                        <select
                          id={`${rid}-level`}
                          data-testid="rule-level"
                          value={rule.level}
                          onChange={(e) => {
                            const level = Number(e.target.value) as Rule['level'];
                            setRule(i, {
                              level,
                              autoSend:
                                level === 3 ? (rule.autoSend ?? { acknowledgements: true, standardAnswers: false, minConfidence: 0.9, auditShare: 0.1 }) : null,
                            });
                          }}
                        >
                          {levels.map((l) => (
                            <option key={l} value={l}>
                              {t(`policy.level${l}` as MessageKey)}
                            </option>
                          ))}
                        </select>
                      </div>
                      {rule.autoSend ? (
                        <>
                          <div className="checkbox">
                            <input
                              id={`${rid}-ack`}
                              type="checkbox"
                              data-testid="rule-ack"
                              checked={rule.autoSend.acknowledgements}
                              onChange={(e) =>
                                setRule(i, { autoSend: { ...(rule.autoSend as NonNullable<Rule['autoSend']>), acknowledgements: e.target.checked } })
                              }
                            />
                            <label htmlFor={`${rid}-ack`}>{t('policy.acknowledgements')}</label>
                          </div>
                          <div className="checkbox">
                            <input
                              id={`${rid}-std`}
                              type="checkbox"
                              checked={rule.autoSend.standardAnswers}
                              onChange={(e) =>
                                setRule(i, { autoSend: { ...(rule.autoSend as NonNullable<Rule['autoSend']>), standardAnswers: e.target.checked } })
                              }
                            />
                            <label htmlFor={`${rid}-std`}>{t('policy.standardAnswers')}</label>
                          </div>
                          <div className="field">
                            <label htmlFor={`${rid}-conf`}>{t('policy.minConfidence')}</label>
                            <input
                              id={`${rid}-conf`}
                              type="number"
                              min={0.5}
                              max={1}
                              step={0.01}
                              value={rule.autoSend.minConfidence}
                              onChange={(e) =>
                                setRule(i, { autoSend: { ...(rule.autoSend as NonNullable<Rule['autoSend']>), minConfidence: Number(e.target.value) } })
                              }
                            />
                          </div>
                          <div className="field">
                            <label htmlFor={`${rid}-audit`}>{t('policy.auditShare')}</label>
                            <input
                              id={`${rid}-audit`}
                              type="number"
                              min={0}
                              max={1}
                              step={0.05}
                              value={rule.autoSend.auditShare}
                              onChange={(e) =>
                                setRule(i, { autoSend: { ...(rule.autoSend as NonNullable<Rule['autoSend']>), auditShare: Number(e.target.value) } })
                              }
                            />
                          </div>
                        </>
                      ) : null}
                      {isAdmin ? (
                        <button
                          type="button"
                          className="button button--secondary"
                          onClick={() => setDoc({ ...doc, rules: doc.rules.filter((_, j) => j !== i) })}
                        >
                          {t('policy.removeRule', { n })}
                        </button>
                      ) : null}
                    </fieldset>
                  </li>
                );
              })}
            </ol>
            {isAdmin ? (
              <button
                type="button"
                className="button button--secondary"
                data-testid="add-rule"
                onClick={() => setDoc({ ...doc, rules: [...doc.rules, emptyRule()] })}
              >
                {t('policy.addRule')}
              </button>
            ) : null}
          </section>

          <section className="panel" aria-labelledby={`${id}-pilot`}>
            <h2 id={`${id}-pilot`} className="panel__title">
              {t('policy.pilotTitle')}
            </h2>
            <p className="field__hint">{t('policy.pilotIntro')}</p>
            <div className="field">
              <label htmlFor={`${id}-pilot-name`}>{t('policy.pilotName')}</label>
              <input
                id={`${id}-pilot-name`}
                disabled={!isAdmin}
                maxLength={100}
                value={doc.pilot?.name ?? ''}
                onChange={(e) => setDoc({ ...doc, pilot: { name: e.target.value, controlShare: doc.pilot?.controlShare ?? 0 } })}
              />
            </div>
            <div className="field">
              <label htmlFor={`${id}-pilot-share`}>{t('policy.pilotShare')}</label>
              <input
                id={`${id}-pilot-share`}
                type="number"
                min={0}
                max={0.5}
                step={0.05}
                disabled={!isAdmin}
                value={doc.pilot?.controlShare ?? 0}
                onChange={(e) => setDoc({ ...doc, pilot: { name: doc.pilot?.name || 'Forsøg', controlShare: Number(e.target.value) } })}
              />
            </div>
          </section>

          <section className="panel" aria-labelledby={`${id}-chains`}>
            <h2 id={`${id}-chains`} className="panel__title">
              {t('policy.chainsTitle')}
            </h2>
            <ul>
              {Object.entries(current.approvalChains).map(([kind, chain]) => (
                <li key={kind}>
                  {label('kinds', kind)}: {chain.map((r) => t(`review.roles_${r}` as MessageKey)).join(' → ')}
                </li>
              ))}
              <li>{t('policy.chainDefault')}</li>
            </ul>
            <h3>{t('policy.hardLimitsTitle')}</h3>
            <ul>
              <li>{t('policy.hardLimit1')}</li>
              <li>{t('policy.hardLimit2')}</li>
              <li>{t('policy.hardLimit3')}</li>
            </ul>
          </section>

          {isAdmin ? (
            <section className="panel" aria-labelledby={`${id}-save`}>
              <h2 id={`${id}-save`} className="panel__title">
                {t('policy.save')}
              </h2>
              <div className="field">
                <label htmlFor={`${id}-comment`}>{t('policy.comment')}</label>
                <input id={`${id}-comment`} data-testid="policy-comment" maxLength={1000} value={comment} onChange={(e) => setComment(e.target.value)} />
              </div>
              <button type="button" className="button button--primary" data-testid="save-policy" disabled={isSaving} onClick={() => void save()}>
                {t('policy.save')}
              </button>
              <LiveStatus>{status}</LiveStatus>
              <ErrorAlert error={error} />
            </section>
          ) : null}

          <section className="panel" aria-labelledby={`${id}-history`}>
            <h2 id={`${id}-history`} className="panel__title">
              {t('policy.historyTitle')}
            </h2>
            <ol reversed>
              {(policy.data?.history ?? []).map((p) => (
                <li key={p.version}>
                  {t('policy.version', { version: p.version })} · {p.createdAt ? formatDateTime(p.createdAt) : ''} · {p.createdByName ?? ''}
                  {p.comment ? ` · ${p.comment}` : ''}
                </li>
              ))}
            </ol>
          </section>
        </>
      ) : null}

      <section className="panel" aria-labelledby={`${id}-samples`}>
        <h2 id={`${id}-samples`} className="panel__title">
          {t('policy.samplesTitle')}
        </h2>
        <p className="field__hint">{t('policy.samplesIntro')}</p>
        <ErrorAlert error={samples.error} />
        {samples.data && samples.data.items.length === 0 ? <p className="empty">{t('policy.noSamples')}</p> : null}
        {samples.data && samples.data.items.length > 0 ? (
          <table className="table" data-testid="audit-samples">
            <thead>
              <tr>
                <th scope="col">{t('policy.ratingCase')}</th>
                <th scope="col">{t('policy.sampleSubject')}</th>
                <th scope="col">{t('policy.ratingWhen')}</th>
                <th scope="col">{t('policy.samplePolicy')}</th>
              </tr>
            </thead>
            <tbody>
              {samples.data.items.map((m) => (
                <tr key={m.messageId}>
                  <td>
                    <Link to={`/sager/${m.caseNumber}`}>{m.caseNumber}</Link>
                  </td>
                  <td>{m.subject}</td>
                  <td>{m.sentAt ? formatDateTime(m.sentAt) : '–'}</td>
                  <td>{m.policyVersion ?? '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </section>

      <section className="panel" aria-labelledby={`${id}-ratings`}>
        <h2 id={`${id}-ratings`} className="panel__title">
          {t('policy.ratingsTitle')}
        </h2>
        <ErrorAlert error={ratings.error} />
        {ratings.data && ratings.data.items.length === 0 ? <p className="empty">{t('policy.noRatings')}</p> : null}
        {ratings.data && ratings.data.items.length > 0 ? (
          <>
            <p>{t('policy.ratingsIntro', { up, down })}</p>
            <table className="table" data-testid="ratings-table">
              <thead>
                <tr>
                  <th scope="col">{t('policy.ratingWhen')}</th>
                  <th scope="col">{t('policy.ratingWho')}</th>
                  <th scope="col">{t('policy.ratingWhat')}</th>
                  <th scope="col">{t('policy.ratingCase')}</th>
                  <th scope="col">{t('policy.ratingValue')}</th>
                  <th scope="col">{t('policy.ratingReason')}</th>
                  <th scope="col">{t('policy.ratingComment')}</th>
                </tr>
              </thead>
              <tbody>
                {ratings.data.items.map((r) => (
                  <tr key={r.id}>
                    <td>{formatDateTime(r.createdAt)}</td>
                    <td>{r.userName}</td>
                    <td>{r.targetType}</td>
                    <td>{r.caseNumber ?? '–'}</td>
                    <td>{r.rating === 'up' ? t('rating.up') : t('rating.down')}</td>
                    <td>{r.reason ? t(`rating.reasons_${r.reason}` as MessageKey) : '–'}</td>
                    <td>{r.comment ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        ) : null}
      </section>
    </div>
  );
}
