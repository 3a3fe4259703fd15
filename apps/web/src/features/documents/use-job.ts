import { useCallback, useEffect, useRef, useState } from 'react';
import { type ApiError, toApiError } from '../../api/client';
import { cancelJob, fetchJob, isActive, type JobDto } from './api';

/** How often a running job is asked for its progress. */
const POLL_MS = 500;

export interface JobState {
  job: JobDto | null;
  error: ApiError | null;
  isCancelling: boolean;
  cancel: () => Promise<void>;
}

/**
 * Follows a job of a set: polls it while it waits or runs, and calls `onSettled` once when it ends
 * (done, failed or cancelled). A new job (another id) from the caller replaces the one followed.
 */
export function useJob(setId: string, initial: JobDto | null, onSettled: (job: JobDto) => void): JobState {
  const [job, setJob] = useState<JobDto | null>(initial);
  const [error, setError] = useState<ApiError | null>(null);
  const [isCancelling, setCancelling] = useState(false);
  const settledRef = useRef(onSettled);
  settledRef.current = onSettled;

  // A different job from the caller (a new run, or the set loaded again) is followed from now on.
  useEffect(() => {
    setJob((current) => (initial && (!current || current.id !== initial.id) ? initial : current));
  }, [initial]);

  const jobId = job?.id ?? null;
  const active = isActive(job);
  useEffect(() => {
    if (!jobId || !active) return;
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const { job: next } = await fetchJob(setId, jobId, controller.signal);
        if (controller.signal.aborted) return;
        setError(null);
        setJob(next);
        if (!isActive(next)) {
          setCancelling(false);
          settledRef.current(next);
          return;
        }
      } catch (e) {
        if (controller.signal.aborted) return;
        setError(toApiError(e));
      }
      timer = setTimeout(poll, POLL_MS);
    };
    timer = setTimeout(poll, POLL_MS);
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [setId, jobId, active]);

  const cancel = useCallback(async () => {
    if (!jobId) return;
    setCancelling(true);
    try {
      const { job: next } = await cancelJob(setId, jobId);
      setJob(next);
      if (!isActive(next)) {
        setCancelling(false);
        settledRef.current(next);
      }
    } catch (e) {
      setCancelling(false);
      setError(toApiError(e));
    }
  }, [setId, jobId]);

  return { job, error, isCancelling, cancel };
}
