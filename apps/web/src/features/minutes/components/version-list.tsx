import { type MessageKey, useT } from '../../../i18n';
import type { MinutesOrigin, VersionInfoDto } from '../api';

/** The label of a version's origin: "AI – første udkast", "AI-rettelse", "Menneskelig rettelse". */
export function useOriginLabel(): (origin: MinutesOrigin) => string {
  const { t } = useT();
  return (origin) => t(`minutes.origin_${origin}` as MessageKey);
}

/** Every version of the minutes, newest first, each with who made it; any of them can be shown. */
export function VersionList({ versions, shown, onShow }: { versions: VersionInfoDto[]; shown: number | null; onShow: (version: number) => void }) {
  const { t, formatDateTime } = useT();
  const originLabel = useOriginLabel();
  return (
    <ol className="card-list" reversed data-testid="versions">
      {[...versions].reverse().map((v) => {
        const isShown = v.version === shown;
        return (
          <li
            key={v.version}
            style={{ marginBottom: '0.5rem' }}
            data-testid="version-row"
            data-version={v.version}
            data-origin={v.origin}
            aria-current={isShown ? 'true' : undefined}
          >
            <strong>{t('minutes.versionRow', { version: v.version })}</strong>{' '}
            <span className={`badge ${v.origin === 'human_edit' ? 'badge--neutral' : 'badge--engine'}`} data-testid="version-origin">
              {originLabel(v.origin)}
            </span>{' '}
            <span className="muted">{t('minutes.versionBy', { name: v.createdByName ?? t('minutes.notStated'), at: formatDateTime(v.createdAt) })}</span>{' '}
            {isShown ? (
              <span className="muted">({t('minutes.showing')})</span>
            ) : (
              <button type="button" className="link-button" onClick={() => onShow(v.version)}>
                {t('minutes.show')}
                <span className="visually-hidden"> {t('minutes.versionRow', { version: v.version })}</span>
              </button>
            )}
          </li>
        );
      })}
    </ol>
  );
}
