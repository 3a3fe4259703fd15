/**
 * The one way the web app talks to the server: same-origin JSON under /api with the session cookie.
 * Every failure becomes an `ApiError` carrying the server's stable code (or NETWORK), so pages can
 * show the translated text for the code rather than the server's own message.
 */

/** Error codes the UI has text for; anything else falls back to UNKNOWN. */
export const knownErrorCodes = [
  'VALIDATION_FAILED',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'UNAUTHENTICATED',
  'INVALID_CREDENTIALS',
  'FORBIDDEN',
  'CSRF_FAILED',
  'CASE_NOT_FOUND',
  'NOT_FOUND',
  'INVALID_TRANSITION',
  'CASE_CLOSED',
  'CONFLICT',
  'EML_UNPARSEABLE',
  'RATE_LIMITED',
  'MAIL_DELIVERY_FAILED',
  'APPROVAL_REQUIRED',
  'APPROVAL_STALE',
  'APPROVAL_CONSUMED',
  'APPROVER_NOT_ALLOWED',
  'POLICY_FORBIDS',
  'POLICY_HARD_LIMIT',
  'UNIT_NOT_FOUND',
  'UNKNOWN_KIND',
  'INTERNAL',
  'NETWORK',
] as const;
export type KnownErrorCode = (typeof knownErrorCodes)[number];

/** A failed API call, with the server's stable code. */
export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: string, status: number, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
    this.details = details;
  }
}

/** Narrows any thrown value to an ApiError (unexpected exceptions become INTERNAL). */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError('INTERNAL', 0, error instanceof Error ? error.message : String(error));
}

type UnauthenticatedListener = () => void;
const unauthenticatedListeners = new Set<UnauthenticatedListener>();

/** Called whenever a request answers 401 UNAUTHENTICATED (an expired session). */
export function onUnauthenticated(listener: UnauthenticatedListener): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** A JSON body; serialised here. */
  json?: unknown;
  /** A raw body with its own content type (e.g. an EML file). */
  raw?: { body: BodyInit; contentType: string };
  query?: Record<string, string | number | boolean | undefined | null>;
  signal?: AbortSignal;
  /** Don't broadcast a 401 (for the session probe and the login call itself). */
  quietUnauthenticated?: boolean;
}

function buildUrl(path: string, query: RequestOptions['query']): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return `/api${path}${qs ? `?${qs}` : ''}`;
}

/** Sends a request and returns the parsed JSON body (undefined for 204). */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? (options.json !== undefined || options.raw ? 'POST' : 'GET');
  const headers: Record<string, string> = { Accept: 'application/json' };
  let body: BodyInit | undefined;
  if (method !== 'GET') {
    // The server's CSRF guard: a header a cross-site form cannot send.
    headers['X-Requested-With'] = 'ekspedit';
    if (options.raw) {
      headers['Content-Type'] = options.raw.contentType;
      body = options.raw.body;
    } else {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(options.json ?? {});
    }
  }

  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError('NETWORK', 0, error instanceof Error ? error.message : 'Network error');
  }

  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }

  if (!response.ok) {
    const error = readError(parsed, response.status);
    if (error.code === 'UNAUTHENTICATED' && !options.quietUnauthenticated) {
      for (const listener of unauthenticatedListeners) listener();
    }
    throw error;
  }
  return parsed as T;
}

/**
 * POSTs and returns the open response for the caller to read as a stream (server-sent events);
 * a refusal before the stream starts is thrown as an ApiError, exactly as `apiRequest` does.
 */
export async function apiStream(path: string, options: { json?: unknown; signal?: AbortSignal } = {}): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(buildUrl(path, undefined), {
      method: 'POST',
      headers: { Accept: 'text/event-stream', 'Content-Type': 'application/json', 'X-Requested-With': 'ekspedit' },
      body: JSON.stringify(options.json ?? {}),
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError('NETWORK', 0, error instanceof Error ? error.message : 'Network error');
  }
  if (!response.ok) {
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    const error = readError(parsed, response.status);
    if (error.code === 'UNAUTHENTICATED') {
      for (const listener of unauthenticatedListeners) listener();
    }
    throw error;
  }
  return response;
}

function readError(body: unknown, status: number): ApiError {
  const error = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | undefined)?.error;
  if (error && typeof error.code === 'string') {
    const details = error.details && typeof error.details === 'object' ? (error.details as Record<string, unknown>) : undefined;
    return new ApiError(error.code, status, typeof error.message === 'string' ? error.message : '', details);
  }
  // A proxy or a crash answered instead of our server: pick the nearest code by status.
  const byStatus: Record<number, string> = {
    400: 'VALIDATION_FAILED',
    401: 'UNAUTHENTICATED',
    403: 'FORBIDDEN',
    404: 'NOT_FOUND',
    409: 'CONFLICT',
    413: 'PAYLOAD_TOO_LARGE',
    415: 'UNSUPPORTED_MEDIA_TYPE',
    429: 'RATE_LIMITED',
    502: 'NETWORK',
    503: 'NETWORK',
    504: 'NETWORK',
  };
  return new ApiError(byStatus[status] ?? 'INTERNAL', status, `HTTP ${status}`);
}
