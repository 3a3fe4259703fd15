import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { type ApiError, toApiError } from '../api/client';
import { useApi } from '../api/use-api';
import { ErrorAlert } from '../components/error-alert';
import { LiveStatus } from '../components/live-status';
import { PageHeading } from '../components/page-heading';
import { useDirectory } from '../features/cases/use-directory';
import { fetchTriage, postRoute, type RouteRequest, type TriageItem } from '../features/triage/api';
import { topAlternatives } from '../features/triage/classification';
import { TriageItemCard } from '../features/triage/components/triage-item';
import { commandForKey, isTypingTarget, type TriageCommand } from '../features/triage/shortcuts';
import { useKleTitles } from '../features/triage/use-kle';
import { useT } from '../i18n';

function ShortcutHelp({ id }: { id: string }) {
  const { t } = useT();
  return (
    <p id={id} className="shortcut-help">
      <span className="shortcut-help__title">{t('triage.shortcutsTitle')}:</span>{' '}
      <span>
        <kbd>j</kbd>/<kbd>k</kbd> {t('triage.shortcutOr')} <kbd>↓</kbd>/<kbd>↑</kbd> {t('triage.shortcutMove')}
      </span>
      {' · '}
      <span>
        <kbd>Enter</kbd> {t('triage.shortcutAccept')}
      </span>
      {' · '}
      <span>
        <kbd>1</kbd>–<kbd>3</kbd> {t('triage.shortcutAlternative')}
      </span>
      {' · '}
      <span>
        <kbd>r</kbd> {t('triage.shortcutCorrect')}
      </span>
      {' · '}
      <span>
        <kbd>Esc</kbd> {t('triage.shortcutCancel')}
      </span>
    </p>
  );
}

/**
 * The mail reception's triage queue. Keyboard first: the selected item holds focus, j/k or the
 * arrows move, Enter accepts, 1–3 take an alternative, r opens the correction, Escape cancels.
 * Every shortcut is also a button; none fires while typing in a field.
 */
export function TriagePage() {
  const tr = useT();
  const { t } = tr;
  const queue = useApi('triage', (signal) => fetchTriage(signal));
  const directory = useDirectory();
  const [removed, setRemoved] = useState<ReadonlySet<string>>(new Set());
  const [selected, setSelected] = useState(0);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, ApiError | undefined>>({});
  const [correcting, setCorrecting] = useState<{ id: string; kle: string } | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const cards = useRef(new Map<string, HTMLElement>());
  const listRef = useRef<HTMLOListElement>(null);
  const reloadRef = useRef<HTMLButtonElement>(null);
  const wantFocus = useRef(false);
  const didInitialFocus = useRef(false);

  const items = useMemo<TriageItem[]>(() => (queue.data?.items ?? []).filter((i) => !removed.has(i.case.id)), [queue.data, removed]);
  const total = Math.max(0, (queue.data?.total ?? 0) - removed.size);
  const current = Math.min(selected, Math.max(0, items.length - 1));
  const codes = useMemo(
    () =>
      items
        .flatMap((i) => [
          i.classification?.kleCode ?? '',
          ...topAlternatives(i.classification?.alternatives, i.classification?.kleCode ?? null).map((a) => a.kle),
        ])
        .filter(Boolean),
    [items],
  );
  const kle = useKleTitles(codes);

  const select = useCallback((index: number, focus: boolean) => {
    setSelected(index);
    if (focus) wantFocus.current = true;
  }, []);

  // Focus follows the selection after keyboard moves and decisions, and lands on the first item on load.
  useEffect(() => {
    if (!queue.data) return;
    if (!didInitialFocus.current) {
      didInitialFocus.current = true;
      wantFocus.current = items.length > 0;
    }
    if (!wantFocus.current) return;
    wantFocus.current = false;
    const item = items[current];
    if (item) cards.current.get(item.case.id)?.focus();
    else reloadRef.current?.focus();
  }, [queue.data, items, current]);

  const route = useCallback(
    async (item: TriageItem, body: RouteRequest) => {
      if (busyId) return;
      setBusyId(item.case.id);
      setErrors((e) => ({ ...e, [item.case.id]: undefined }));
      setAnnouncement('');
      try {
        const result = await postRoute(item.case.id, body);
        const unit = result.case.unitName ?? directory.unitName(result.case.unitId) ?? result.case.unitId ?? t('triage.unknownUnit');
        setAnnouncement(t('triage.routed', { number: result.case.number, unit }));
        setCorrecting(null);
        setRemoved((r) => new Set(r).add(item.case.id));
        // The next item moves up into the same position and takes focus.
        wantFocus.current = true;
      } catch (e) {
        const error = toApiError(e);
        setErrors((errs) => ({ ...errs, [item.case.id]: error }));
        // No unit handles the code: open the correction with it filled in, so a unit can be picked.
        if (error.code === 'UNIT_NOT_FOUND') setCorrecting({ id: item.case.id, kle: body.kleCode });
      } finally {
        setBusyId(null);
      }
    },
    [busyId, directory, t],
  );

  const openCorrection = useCallback((item: TriageItem) => {
    setErrors((e) => ({ ...e, [item.case.id]: undefined }));
    setCorrecting({ id: item.case.id, kle: '' });
  }, []);

  const cancelCorrection = useCallback(() => {
    setCorrecting(null);
    // Back to the item once the form is gone.
    const item = items[current];
    if (item) window.requestAnimationFrame(() => cards.current.get(item.case.id)?.focus());
  }, [items, current]);

  const run = useCallback(
    (command: TriageCommand) => {
      const item = items[current];
      if (!item) return false;
      switch (command.type) {
        case 'move': {
          const next = Math.min(items.length - 1, Math.max(0, current + command.by));
          if (correcting) setCorrecting(null);
          select(next, true);
          // Focus now, not only after a re-render: the index may not have changed (list ends).
          const target = items[next];
          if (target) cards.current.get(target.case.id)?.focus();
          return true;
        }
        case 'first':
        case 'last': {
          const next = command.type === 'first' ? 0 : items.length - 1;
          if (correcting) setCorrecting(null);
          select(next, true);
          const target = items[next];
          if (target) cards.current.get(target.case.id)?.focus();
          return true;
        }
        case 'accept': {
          if (correcting) return false;
          const kleCode = item.classification?.kleCode;
          if (kleCode) void route(item, { kleCode });
          else openCorrection(item);
          return true;
        }
        case 'alternative': {
          if (correcting) return false;
          const alt = topAlternatives(item.classification?.alternatives, item.classification?.kleCode ?? null)[command.n - 1];
          if (!alt) return false;
          void route(item, { kleCode: alt.kle });
          return true;
        }
        case 'correct':
          if (correcting?.id === item.case.id) return false;
          openCorrection(item);
          return true;
        case 'cancel':
          if (!correcting) return false;
          cancelCorrection();
          return true;
      }
    },
    [items, current, correcting, route, select, openCorrection, cancelCorrection],
  );

  // One listener for the page; it acts only for keys pressed on the page itself or inside the queue,
  // never in a text field or select, never inside the open correction form, never while a decision is sent.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || busyId) return;
      const target = event.target instanceof HTMLElement ? event.target : null;
      if (isTypingTarget(target)) return;
      const inQueue = !!target && !!listRef.current?.contains(target);
      const onPage = !target || target === document.body || target.id === 'main-content';
      if (!inQueue && !onPage) return;
      if (target?.closest('form')) return;
      const onControl = !!target?.closest('button, a, summary, [role="button"], [role="link"]');
      const command = commandForKey(event, onControl);
      if (command && run(command)) event.preventDefault();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [run, busyId]);

  const helpId = 'triage-shortcuts';
  const data = queue.data;

  return (
    <div className="page page--triage">
      <PageHeading title={t('triage.title')}>{t('triage.title')}</PageHeading>
      <p className="page-intro">{t('triage.intro')}</p>
      <ShortcutHelp id={helpId} />
      <LiveStatus>{announcement}</LiveStatus>
      <LiveStatus visuallyHidden>{queue.isLoading ? t('app.loading') : data ? t('triage.loaded', { total: data.total }) : ''}</LiveStatus>
      <ErrorAlert error={queue.error} />
      {data ? (
        <section className="triage-queue" aria-labelledby="triage-queue-title" aria-busy={queue.isLoading}>
          <h2 id="triage-queue-title" className="triage-queue__title">
            {t('triage.queue')} <span className="triage-queue__count">({t('triage.count', { shown: items.length, total })})</span>
          </h2>
          {items.length === 0 ? (
            <div className="triage-empty">
              <p className="empty">{t('triage.empty')}</p>
              <button
                ref={reloadRef}
                type="button"
                className="button button--secondary"
                onClick={() => {
                  setRemoved(new Set());
                  setSelected(0);
                  didInitialFocus.current = false;
                  void queue.reload();
                }}
              >
                {t('triage.reload')}
              </button>
            </div>
          ) : (
            <ol ref={listRef} className="triage-list" aria-describedby={helpId}>
              {items.map((item, index) => (
                <TriageItemCard
                  key={item.case.id}
                  item={item}
                  isSelected={index === current}
                  isBusy={busyId === item.case.id}
                  isCorrecting={correcting?.id === item.case.id}
                  correctionKle={correcting?.id === item.case.id ? correcting.kle : ''}
                  error={errors[item.case.id] ?? null}
                  units={directory.units}
                  kleTitle={kle.title}
                  cardRef={(el) => {
                    if (el) cards.current.set(item.case.id, el);
                    else cards.current.delete(item.case.id);
                  }}
                  onSelect={() => {
                    if (index !== current) select(index, false);
                  }}
                  onAccept={(kleCode) => void route(item, { kleCode })}
                  onCorrect={() => {
                    select(index, false);
                    openCorrection(item);
                  }}
                  onSubmitCorrection={(body) => void route(item, body)}
                  onCancelCorrection={cancelCorrection}
                />
              ))}
            </ol>
          )}
        </section>
      ) : queue.isLoading ? (
        <p className="loading">{t('app.loading')}</p>
      ) : null}
    </div>
  );
}
