import { type CSSProperties, createContext, type KeyboardEvent, type ReactNode, useContext, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useT } from '../../../i18n';
import { lineRanges, type TranscriptLineDto } from '../api';

/** The meeting's transcript lines by number; null while they load. */
const TranscriptContext = createContext<Map<number, TranscriptLineDto> | null>(null);

export function TranscriptProvider({ lines, children }: { lines: TranscriptLineDto[] | null; children: ReactNode }) {
  const byLine = useMemo(() => (lines ? new Map(lines.map((l) => [l.line, l])) : null), [lines]);
  return <TranscriptContext.Provider value={byLine}>{children}</TranscriptContext.Provider>;
}

// The app's stylesheet has the marker (.citation); the popover is placed here, next to it.
const wrapperStyle: CSSProperties = { position: 'relative', display: 'inline-block' };
const popoverStyle: CSSProperties = {
  position: 'absolute',
  zIndex: 30,
  top: 'calc(100% + 0.25rem)',
  width: 'min(32rem, 80vw)',
  padding: '0.5rem 0.75rem',
  border: '1px solid var(--color-border-strong)',
  borderRadius: 'var(--radius)',
  background: 'var(--color-surface)',
  color: 'var(--color-text)',
  boxShadow: '0 4px 16px rgb(0 0 0 / 0.18)',
  fontSize: '0.9rem',
  fontWeight: 400,
  lineHeight: 1.45,
  textAlign: 'left',
  whiteSpace: 'normal',
};
const lineStyle: CSSProperties = { display: 'block', marginTop: '0.35rem' };

/**
 * A citation marker: the transcript lines a statement rests on. They show on hover, on keyboard
 * focus and on click (which keeps them open while the pointer moves away); Escape or a click
 * elsewhere closes them, and the pointer can move onto the lines without losing them (WCAG 1.4.13).
 * The lines are text only and never scroll, so nothing in them needs the keyboard.
 */
export function Citation({ lines }: { lines: number[] }) {
  const { t } = useT();
  const transcript = useContext(TranscriptContext);
  const id = useId();
  const wrapperRef = useRef<HTMLSpanElement>(null);
  const [isHovered, setHovered] = useState(false);
  const [isFocused, setFocused] = useState(false);
  const [isPinned, setPinned] = useState(false);
  const [isDismissed, setDismissed] = useState(false);
  const [alignRight, setAlignRight] = useState(false);
  const isOpen = !isDismissed && (isHovered || isFocused || isPinned);

  useEffect(() => {
    if (!isOpen) return;
    const rect = wrapperRef.current?.getBoundingClientRect();
    setAlignRight(rect ? rect.left > window.innerWidth / 2 : false);
  }, [isOpen]);

  useEffect(() => {
    if (!isPinned) return;
    const onPointerDown = (e: PointerEvent) => {
      if (!wrapperRef.current?.contains(e.target as Node)) setPinned(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [isPinned]);

  if (lines.length === 0) return null;
  const ranges = lineRanges(lines);

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'Escape' || !isOpen) return;
    e.stopPropagation();
    setDismissed(true);
    setPinned(false);
  };
  const onClick = () => {
    if (isOpen && isPinned) {
      setPinned(false);
      setDismissed(true);
    } else {
      setPinned(true);
      setDismissed(false);
    }
  };

  return (
    // Hover only adds to the button, which opens the lines on focus and click; the wrapper lets the pointer move onto them.
    <span
      ref={wrapperRef}
      style={wrapperStyle}
      onPointerEnter={() => {
        setHovered(true);
        setDismissed(false);
      }}
      onPointerLeave={() => setHovered(false)}
    >
      <button
        type="button"
        className="citation"
        data-testid="citation"
        data-lines={lines.join(',')}
        aria-label={t('minutes.citation', { lines: ranges })}
        aria-expanded={isOpen}
        aria-controls={isOpen ? id : undefined}
        onClick={onClick}
        onFocus={() => {
          setFocused(true);
          setDismissed(false);
        }}
        onBlur={() => {
          setFocused(false);
          setPinned(false);
        }}
        onKeyDown={onKeyDown}
      >
        {ranges}
      </button>
      {isOpen ? (
        <span id={id} style={{ ...popoverStyle, ...(alignRight ? { right: 0 } : { left: 0 }) }} data-testid="citation-popover">
          <strong>{t('minutes.citationTitle', { lines: ranges })}</strong>
          {transcript === null ? (
            <span style={lineStyle}>{t('minutes.citationLoading')}</span>
          ) : (
            lines.map((n) => {
              const line = transcript.get(n);
              return (
                <span key={n} style={lineStyle} data-testid="citation-line" data-line={n}>
                  <span className="muted">{t('minutes.line', { line: n })}</span>
                  {line?.time ? <span className="muted"> · {line.time}</span> : null}
                  {' – '}
                  {line ? (
                    <>
                      {line.speaker ? <strong>{line.speaker}: </strong> : null}
                      {line.text}
                    </>
                  ) : (
                    t('minutes.citationMissing')
                  )}
                </span>
              );
            })
          )}
        </span>
      ) : null}
    </span>
  );
}
