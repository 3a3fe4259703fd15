import { dfgToDot } from '@ekspedit/mining/render';
import { type Ref, useEffect, useId, useImperativeHandle, useMemo, useRef, useState } from 'react';
import { useT } from '../../../i18n';
import type { ProcessMapResponse } from '../api';
import type { MiningFormat } from '../format';
import { layoutSvg, sanitizeSvg } from '../graphviz';
import type { Metric } from '../query';

export interface ProcessMapHandle {
  /** The SVG as drawn now, or null while it is being laid out. */
  svg: () => SVGSVGElement | null;
}

interface ProcessMapViewProps {
  data: ProcessMapResponse;
  metric: Metric;
  format: MiningFormat;
  /** What the picture shows, in words (the SVG's accessible name and <title>). */
  summary: string;
  handleRef: Ref<ProcessMapHandle>;
}

/** The directly-follows graph laid out by Graphviz (WebAssembly) in the browser, shown as SVG. */
export function ProcessMapView({ data, metric, format, summary, handleRef }: ProcessMapViewProps) {
  const { t } = useT();
  const container = useRef<HTMLDivElement>(null);
  // The DOT text whose drawing is in the container, and the one that failed: the status follows from
  // them in the same render as a change of metric, so "ready" never describes an older drawing.
  const [drawn, setDrawn] = useState<string | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const idPrefix = `map${useId().replace(/[^a-zA-Z0-9]/g, '')}-`;

  const dot = useMemo(
    () =>
      dfgToDot(
        data.edges.map((e) => ({ ...e, fromId: 0, toId: 0 })),
        {
          metric,
          activityCounts: new Map(data.activities.map((a) => [a.activity, a.count])),
          start: new Map(Object.entries(data.start)),
          end: new Map(Object.entries(data.end)),
          label: format.activity,
          timeLabel: (edge) => format.duration(edge.meanSeconds, 'short'),
        },
      ),
    [data, metric, format],
  );

  useImperativeHandle(handleRef, () => ({ svg: () => container.current?.querySelector('svg') ?? null }), []);

  useEffect(() => {
    let cancelled = false;
    layoutSvg(dot)
      .then((text) => {
        const el = container.current;
        if (cancelled || !el) return;
        const svg = sanitizeSvg(text, idPrefix);
        if (!svg) throw new Error('Graphviz returned no SVG');
        el.replaceChildren(svg);
        setDrawn(dot);
      })
      .catch(() => {
        if (!cancelled) setFailed(dot);
      });
    return () => {
      cancelled = true;
    };
  }, [dot, idPrefix]);

  // The picture's name: role="img" with a label and a <title> first, so the whole map is one image to
  // assistive technology; the table next to it carries the detail.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `drawn` marks a new SVG in the container
  useEffect(() => {
    const svg = container.current?.querySelector('svg');
    if (!svg) return;
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', summary);
    svg.setAttribute('class', 'process-map__svg');
    // Natural size (points) as the CSS width, so the map shrinks to fit a narrow column but never blows up.
    const width = svg.getAttribute('width');
    if (width) {
      svg.style.width = width;
      svg.removeAttribute('width');
      svg.removeAttribute('height');
    }
    let title = svg.querySelector(':scope > title');
    if (!title) {
      title = document.createElementNS('http://www.w3.org/2000/svg', 'title');
      svg.prepend(title);
    }
    title.textContent = summary;
  }, [summary, drawn]);

  const status = drawn === dot ? 'ready' : failed === dot ? 'failed' : 'drawing';

  return (
    <div className="process-map" aria-busy={status === 'drawing'}>
      {status === 'drawing' && drawn === null ? <p className="loading process-map__status">{t('mining.drawing')}</p> : null}
      {status === 'failed' ? (
        <div className="notice notice--error" role="alert">
          <p className="notice__text">{t('mining.drawFailed')}</p>
        </div>
      ) : null}
      <div ref={container} className="process-map__canvas" data-testid="process-map" data-metric={metric} data-status={status} />
    </div>
  );
}
