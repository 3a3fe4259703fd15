export { isSafeInternalPath, Link, matchPath, navigate, useLocation, useSearchParams } from './router';
