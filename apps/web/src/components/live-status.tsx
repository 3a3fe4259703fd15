import type { ReactNode } from 'react';

/**
 * A polite live region that is always in the DOM, so screen readers hear each change of its text
 * (a region inserted together with its text is often missed).
 */
export function LiveStatus({ children, className, visuallyHidden }: { children?: ReactNode; className?: string; visuallyHidden?: boolean }) {
  const classes = [visuallyHidden ? 'visually-hidden' : 'live-status', children ? 'live-status--active' : '', className ?? ''].filter(Boolean).join(' ');
  return (
    <div role="status" className={classes}>
      {children}
    </div>
  );
}
