import { useEffect, useState } from 'react';
import { toApiError } from '../../api/client';
import { fetchKle, type KleEntry } from './api';

/**
 * KLE titles for codes shown in the queue, looked up through /api/kle and kept for the visit.
 * The endpoint may be missing on an older server (404): then titles are simply not shown and the
 * autocomplete is switched off, and codes are typed by hand.
 */
const titles = new Map<string, string | null>();
const pending = new Map<string, Promise<void>>();
let unavailable = false;
const listeners = new Set<() => void>();

function notify(): void {
  for (const listener of listeners) listener();
}

/** Remembers titles that arrived with a search, so they need no lookup of their own. */
export function rememberKle(entries: KleEntry[]): void {
  let changed = false;
  for (const e of entries) {
    if (typeof e.code === 'string' && typeof e.title === 'string' && titles.get(e.code) !== e.title) {
      titles.set(e.code, e.title);
      changed = true;
    }
  }
  if (changed) notify();
}

/** Marks the KLE endpoint as missing when it answers 404 (or is otherwise unusable). */
export function noteKleFailure(error: unknown): void {
  const e = toApiError(error);
  if (e.status === 404 || e.code === 'NOT_FOUND') {
    unavailable = true;
    notify();
  }
}

export function isKleUnavailable(): boolean {
  return unavailable;
}

function lookup(code: string): Promise<void> {
  const existing = pending.get(code);
  if (existing) return existing;
  const promise = fetchKle(code, 5)
    .then(({ items }) => {
      rememberKle(Array.isArray(items) ? items : []);
      if (!titles.has(code)) titles.set(code, null);
    })
    .catch((error) => {
      noteKleFailure(error);
      titles.set(code, null);
    })
    .finally(() => {
      pending.delete(code);
      notify();
    });
  pending.set(code, promise);
  return promise;
}

/** Loads missing titles a few at a time; re-renders the caller as they arrive. */
export function useKleTitles(codes: string[]): { title: (code: string | null | undefined) => string | null; available: boolean } {
  const [, setVersion] = useState(0);
  const key = [...new Set(codes)].sort().join(',');

  useEffect(() => {
    const listener = () => setVersion((v) => v + 1);
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  }, []);

  useEffect(() => {
    let cancelled = false;
    const missing = key.split(',').filter((c) => c && !titles.has(c));
    const run = async () => {
      // One lookup first: if the endpoint is missing, that is the only request that fails.
      const [probe, ...rest] = missing;
      if (probe) await lookup(probe);
      for (let i = 0; i < rest.length && !cancelled && !unavailable; i += 4) {
        await Promise.all(rest.slice(i, i + 4).map(lookup));
      }
    };
    void run();
    return () => {
      cancelled = true;
    };
  }, [key]);

  return { title: (code) => (code ? (titles.get(code) ?? null) : null), available: !unavailable };
}
