import { type AnchorHTMLAttributes, type MouseEvent, type ReactNode, useSyncExternalStore } from 'react';

/**
 * A small History-API router: enough for five routes, with no dependency.
 * Navigation is a `pushState` followed by a custom event that every `useLocation()` listens to.
 */

const changeEvent = 'ekspedit:navigate';
let navigationCount = 0;

interface LocationSnapshot {
  pathname: string;
  search: string;
  /** How many in-app navigations have happened; 0 on the first page load. */
  count: number;
}

let snapshot: LocationSnapshot = readLocation();

function readLocation(): LocationSnapshot {
  return { pathname: window.location.pathname, search: window.location.search, count: navigationCount };
}

function refresh(): void {
  const next = readLocation();
  if (next.pathname !== snapshot.pathname || next.search !== snapshot.search || next.count !== snapshot.count) snapshot = next;
}

function subscribe(onChange: () => void): () => void {
  const handler = () => {
    refresh();
    onChange();
  };
  window.addEventListener(changeEvent, handler);
  return () => window.removeEventListener(changeEvent, handler);
}

// Back/forward: registered once for the whole app and turned into the same change event.
window.addEventListener('popstate', () => {
  navigationCount += 1;
  window.dispatchEvent(new Event(changeEvent));
});

/** Goes to an in-app path; `replace` swaps the history entry instead of adding one. */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  const url = new URL(to, window.location.origin);
  const target = `${url.pathname}${url.search}${url.hash}`;
  if (target === `${window.location.pathname}${window.location.search}${window.location.hash}`) return;
  if (options.replace) window.history.replaceState(null, '', target);
  else window.history.pushState(null, '', target);
  navigationCount += 1;
  window.scrollTo(0, 0);
  window.dispatchEvent(new Event(changeEvent));
}

/** The current path and query; re-renders on every navigation. */
export function useLocation(): LocationSnapshot {
  return useSyncExternalStore(subscribe, () => snapshot);
}

/** The current query string as URLSearchParams. */
export function useSearchParams(): URLSearchParams {
  const { search } = useLocation();
  return new URLSearchParams(search);
}

/** Matches `/sager/:ref` against a path; returns the decoded parameters or null. */
export function matchPath(pattern: string, pathname: string): Record<string, string> | null {
  const want = pattern.split('/').filter(Boolean);
  const have = pathname.replace(/\/+$/, '').split('/').filter(Boolean);
  if (want.length !== have.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i] as string;
    const h = have[i] as string;
    if (w.startsWith(':')) {
      try {
        params[w.slice(1)] = decodeURIComponent(h);
      } catch {
        return null;
      }
    } else if (w !== h) {
      return null;
    }
  }
  return params;
}

/** True for a same-origin path we may send a user to after login (no `//evil.example`). */
export function isSafeInternalPath(path: string | null | undefined): path is string {
  return typeof path === 'string' && path.startsWith('/') && !path.startsWith('//') && !path.startsWith('/\\');
}

type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & { to: string; children: ReactNode };

/** An ordinary link that navigates in-app; modified clicks (new tab etc.) keep the browser's default. */
export function Link({ to, onClick, children, ...rest }: LinkProps) {
  const handleClick = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    if (rest.target && rest.target !== '_self') return;
    event.preventDefault();
    navigate(to);
  };
  return (
    <a href={to} onClick={handleClick} {...rest}>
      {children}
    </a>
  );
}
