import { useCallback, useEffect, useRef, useState } from 'react';
import { type ApiError, toApiError } from './client';

export interface ApiState<T> {
  data: T | null;
  error: ApiError | null;
  isLoading: boolean;
  /** Loads again with the same key (after a mutation). */
  reload: () => Promise<void>;
}

/**
 * Loads data for a key and reloads whenever the key changes; earlier responses that arrive late are
 * dropped (aborted), so quick filter changes never show stale results.
 */
export function useApi<T>(key: string | null, load: (signal: AbortSignal) => Promise<T>): ApiState<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [isLoading, setLoading] = useState(key !== null);
  const loadRef = useRef(load);
  loadRef.current = load;
  const controllerRef = useRef<AbortController | null>(null);

  const run = useCallback(async (keepData: boolean) => {
    controllerRef.current?.abort();
    const controller = new AbortController();
    controllerRef.current = controller;
    setLoading(true);
    if (!keepData) setData(null);
    try {
      const result = await loadRef.current(controller.signal);
      if (controller.signal.aborted) return;
      setData(result);
      setError(null);
    } catch (e) {
      if (controller.signal.aborted) return;
      setError(toApiError(e));
    } finally {
      if (!controller.signal.aborted) setLoading(false);
    }
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the key alone decides when to load
  useEffect(() => {
    if (key === null) return;
    void run(false);
    return () => controllerRef.current?.abort();
  }, [key]);

  const reload = useCallback(() => run(true), [run]);
  return { data, error, isLoading, reload };
}
