import { useEffect, useState } from 'react';
import type { UnitDto, UserDto } from '../../api/types';
import { useUser } from '../auth/auth-context';
import { fetchUnits, fetchUsers } from './api';

interface Directory {
  users: UserDto[];
  units: UnitDto[];
}

// Colleagues and units change rarely: one fetch per signed-in user, shared by every page.
let cache: { userId: string; promise: Promise<Directory> } | null = null;

function loadDirectory(userId: string): Promise<Directory> {
  if (cache?.userId !== userId) {
    const promise = Promise.all([fetchUsers(), fetchUnits()]).then(([u, n]) => ({ users: u.items, units: n.items }));
    // A failed load is not cached, so the next page tries again.
    promise.catch(() => {
      if (cache?.promise === promise) cache = null;
    });
    cache = { userId, promise };
  }
  return cache.promise;
}

export interface DirectoryLookup {
  users: UserDto[];
  units: UnitDto[];
  isLoading: boolean;
  /** A user's display name, or null when unknown (not loaded yet, or outside the directory). */
  userName: (id: string | null | undefined) => string | null;
  /** A unit's name, or null when unknown. */
  unitName: (id: string | null | undefined) => string | null;
}

/** Names for the user and unit ids the API sends (event data, assignees, units). */
export function useDirectory(): DirectoryLookup {
  const me = useUser();
  const [dir, setDir] = useState<Directory | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let cancelled = false;
    loadDirectory(me.id)
      .then((d) => !cancelled && setDir(d))
      // Names then fall back to what the case itself carries; the page stays usable.
      .catch(() => !cancelled && setFailed(true));
    return () => {
      cancelled = true;
    };
  }, [me.id]);

  return {
    users: dir?.users ?? [],
    units: dir?.units ?? [],
    isLoading: dir === null && !failed,
    userName: (id) => (id ? (dir?.users.find((u) => u.id === id)?.displayName ?? null) : null),
    unitName: (id) => (id ? (dir?.units.find((u) => u.id === id)?.name ?? null) : null),
  };
}
