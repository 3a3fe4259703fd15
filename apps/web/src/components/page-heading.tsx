import { type ReactNode, useEffect, useRef } from 'react';
import { useT } from '../i18n';
import { useLocation } from '../router';

/**
 * The page's single h1. After an in-app navigation it takes focus, so keyboard and screen-reader
 * users start at the new page's top rather than on a link that no longer exists; on the first load
 * focus stays where the browser puts it (so the skip link remains the first stop).
 */
export function PageHeading({ children, title }: { children: ReactNode; title: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  const { pathname, count } = useLocation();
  const { t } = useT();

  useEffect(() => {
    document.title = t('app.pageTitle', { page: title });
  }, [t, title]);

  // Only on a change of route (pathname), not of query (paging, filters), which keeps focus in place.
  // biome-ignore lint/correctness/useExhaustiveDependencies: pathname is the trigger; count is only read
  useEffect(() => {
    if (count > 0) ref.current?.focus();
  }, [pathname]);

  return (
    <h1 ref={ref} tabIndex={-1} className="page-heading">
      {children}
    </h1>
  );
}
