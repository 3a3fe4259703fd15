import { useT } from '../../../i18n';
import { wordDiff } from '../word-diff';

/** The person's text against the AI draft: insertions and deletions marked, also for screen readers. */
export function TextDiff({ before, after }: { before: string; after: string }) {
  const { t } = useT();
  const parts = wordDiff(before, after);
  if (parts.every((p) => p.kind === 'same')) return <p className="muted">{t('review.diffNone')}</p>;
  return (
    <p className="text-diff" data-testid="reply-diff">
      {parts.map((p, i) => {
        const key = `${i}-${p.kind}`;
        if (p.kind === 'ins')
          return (
            <ins key={key} className="text-diff__ins">
              <span className="visually-hidden">[{t('review.diffInserted')}: </span>
              {p.text}
              <span className="visually-hidden">]</span>
            </ins>
          );
        if (p.kind === 'del')
          return (
            <del key={key} className="text-diff__del">
              <span className="visually-hidden">[{t('review.diffDeleted')}: </span>
              {p.text}
              <span className="visually-hidden">]</span>
            </del>
          );
        return <span key={key}>{p.text}</span>;
      })}
    </p>
  );
}
