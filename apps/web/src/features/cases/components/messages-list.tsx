import type { MessageDto } from '../../../api/types';
import { useT } from '../../../i18n';

/** The correspondence, oldest first, incoming and outgoing told apart in words and by style. */
export function MessagesList({ messages }: { messages: MessageDto[] }) {
  const { t, label, formatDateTime } = useT();
  if (messages.length === 0) return <p className="empty">{t('case.noMessages')}</p>;
  const ordered = [...messages].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  return (
    <ol className="messages">
      {ordered.map((m) => (
        <li key={m.id} className={`message message--${m.direction}`} data-testid="message" data-direction={m.direction}>
          <article aria-labelledby={`msg-${m.id}-subject`}>
            <header className="message__header">
              <span className={`badge badge--${m.direction === 'in' ? 'in' : 'out'}`}>{m.direction === 'in' ? t('case.incoming') : t('case.outgoing')}</span>
              <h3 id={`msg-${m.id}-subject`} className="message__subject">
                {m.subject || t('case.noSubject')}
              </h3>
              <span className={`badge badge--status badge--status-${m.status}`}>{label('messageStatus', m.status)}</span>
            </header>
            <dl className="message__meta">
              {m.fromAddress ? (
                <div>
                  <dt>{t('case.from')}</dt>
                  <dd>{m.fromAddress}</dd>
                </div>
              ) : null}
              {m.toAddresses.length > 0 ? (
                <div>
                  <dt>{t('case.to')}</dt>
                  <dd>{m.toAddresses.join(', ')}</dd>
                </div>
              ) : null}
              <div>
                <dt className="visually-hidden">{t('case.received')}</dt>
                <dd>
                  <time dateTime={m.sentAt ?? m.createdAt}>
                    {m.sentAt ? t('case.sentAt', { date: formatDateTime(m.sentAt) }) : formatDateTime(m.createdAt)}
                  </time>
                </dd>
              </div>
            </dl>
            <div className="message__body">{m.bodyText}</div>
            {m.hasRaw ? <p className="message__raw muted">{t('case.rawKept')}</p> : null}
          </article>
        </li>
      ))}
    </ol>
  );
}
