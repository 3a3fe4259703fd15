import { AppError } from '@ekspedit/core';

/** The part of the WHATWG `fetch` a page import uses; tests inject their own. */
export type FetchFunction = (url: string, init: { redirect: 'manual'; signal: AbortSignal; headers: Record<string, string> }) => Promise<Response>;

export interface FetchPageOptions {
  /** Host names the import may read from; a host matches itself and its subdomains. Empty refuses every URL. */
  allowedDomains: readonly string[];
  fetch?: FetchFunction;
  /** Whole import, redirects and body included. */
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
}

/** A fetched web page, ready for extraction. */
export interface FetchedPage {
  /** The URL asked for. */
  url: string;
  /** The URL the page was finally read from (after redirects within the allowed domains). */
  finalUrl: string;
  mediaType: 'text/html' | 'text/plain';
  content: Uint8Array;
}

export const defaultPageLimits = { timeoutMs: 15_000, maxBytes: 5 * 1_048_576, maxRedirects: 5 } as const;

const acceptedTypes = ['text/html', 'text/plain'] as const;

const refused = (message: string, details?: Record<string, unknown>) => new AppError('VALIDATION_FAILED', { message, details });

/** True when `host` is one of the allowed domains or a subdomain of one. */
export function isAllowedHost(host: string, allowedDomains: readonly string[]): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  return allowedDomains.some((d) => {
    const domain = d.toLowerCase().replace(/^\.+|\.$/g, '');
    return domain.length > 0 && (h === domain || h.endsWith(`.${domain}`));
  });
}

/** Parses and checks a URL against the scheme and domain rules; throws a Danish AppError when refused. */
export function checkPageUrl(raw: string, allowedDomains: readonly string[]): URL {
  if (allowedDomains.length === 0) {
    throw refused('Import fra websider er slået fra: ingen tilladte domæner er sat (EKSPEDIT_KB_ALLOWED_DOMAINS)');
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw refused(`Ugyldig adresse: "${raw.slice(0, 200)}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw refused('Kun http- og https-adresser kan importeres');
  if (url.username || url.password) throw refused('Adressen må ikke indeholde brugernavn eller adgangskode');
  if (!isAllowedHost(url.hostname.replace(/^\[|\]$/g, ''), allowedDomains)) {
    throw refused(`Domænet ${url.hostname} er ikke tilladt til import (tilladte: ${allowedDomains.join(', ')})`, { host: url.hostname });
  }
  url.hash = '';
  return url;
}

async function readLimited(response: Response, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel();
    throw new AppError('PAYLOAD_TOO_LARGE', { message: `Siden er større end ${Math.round(maxBytes / 1_048_576)} MB` });
  }
  if (!response.body) return new Uint8Array();
  const parts: Uint8Array[] = [];
  let size = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw new AppError('PAYLOAD_TOO_LARGE', { message: `Siden er større end ${Math.round(maxBytes / 1_048_576)} MB` });
    }
    parts.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}

/**
 * Fetches one web page for the knowledge base: http/https only, within the allowed domains (also
 * after every redirect), HTML or plain text only, with a time and size limit. Touches no database.
 */
export async function fetchPage(rawUrl: string, options: FetchPageOptions): Promise<FetchedPage> {
  const doFetch: FetchFunction = options.fetch ?? ((url, init) => fetch(url, init));
  const timeoutMs = options.timeoutMs ?? defaultPageLimits.timeoutMs;
  const maxBytes = options.maxBytes ?? defaultPageLimits.maxBytes;
  const maxRedirects = options.maxRedirects ?? defaultPageLimits.maxRedirects;
  let url = checkPageUrl(rawUrl, options.allowedDomains);
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    for (let hop = 0; ; hop++) {
      const response = await doFetch(url.href, {
        redirect: 'manual',
        signal,
        headers: { accept: 'text/html, text/plain;q=0.9', 'user-agent': 'Ekspedit-vidensbase/0.1' },
      });
      if (response.status >= 300 && response.status < 400 && response.headers.has('location')) {
        await response.body?.cancel();
        if (hop >= maxRedirects) throw refused(`For mange omdirigeringer (over ${maxRedirects})`);
        const next = new URL(response.headers.get('location') ?? '', url);
        // The target is checked like the first address: a redirect never leaves the allowed domains.
        url = checkPageUrl(next.href, options.allowedDomains);
        continue;
      }
      if (!response.ok) {
        await response.body?.cancel();
        throw refused(`Siden kunne ikke hentes (HTTP ${response.status})`, { status: response.status });
      }
      const contentType = (response.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
      const mediaType = acceptedTypes.find((t) => t === contentType);
      if (!mediaType) {
        await response.body?.cancel();
        throw new AppError('UNSUPPORTED_MEDIA_TYPE', { message: `Siden er ikke HTML eller tekst (${contentType || 'ukendt type'})` });
      }
      const content = await readLimited(response, maxBytes);
      return { url: rawUrl, finalUrl: url.href, mediaType, content };
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    if (signal.aborted) throw refused(`Siden svarede ikke inden for ${Math.round(timeoutMs / 1000)} sekunder`);
    throw refused(`Siden kunne ikke hentes: ${(error as Error).message}`);
  }
}
