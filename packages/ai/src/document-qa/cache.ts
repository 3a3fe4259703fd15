import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ExtractedFile } from './types';

/** The folder, inside the cache directory, that holds one JSON file per document content. */
export const INDEX_FOLDER = '.ekspedit-index';

/** Bump when extraction changes, so files read by an older version are read again. */
export const EXTRACTION_VERSION = 'document-qa-extract@2026-05-20.1';

/** Extracted files on disk, keyed by the sha256 of their content: a renamed file is not read again. */
export interface IndexCache {
  /** The folder written to; null when nothing is kept on disk. */
  readonly dir: string | null;
  /** The extracted file, complete or half read; null when unknown or read by another version. */
  get(sha256: string): Promise<ExtractedFile | null>;
  /** Stores a file's extraction so far; atomic, so a crash leaves the previous state, never half a file. */
  put(file: ExtractedFile): Promise<void>;
  /** The first write error, if writing failed (a read-only folder): indexing goes on without the cache. */
  readonly writeError: string | null;
}

interface Stored {
  version: string;
  file: ExtractedFile;
}

/** Opens (and creates on first write) `<cacheDir>/.ekspedit-index/`; with null, a cache that keeps nothing. */
export function openIndexCache(cacheDir: string | null): IndexCache {
  if (cacheDir === null) return { dir: null, writeError: null, get: async () => null, put: async () => {} };
  const dir = join(cacheDir, INDEX_FOLDER);
  let created = false;
  let writeError: string | null = null;
  let sequence = 0;
  return {
    dir,
    get writeError() {
      return writeError;
    },
    async get(sha256) {
      try {
        const stored = JSON.parse(await readFile(join(dir, `${sha256}.json`), 'utf8')) as Stored;
        return stored.version === EXTRACTION_VERSION && stored.file?.sha256 === sha256 ? stored.file : null;
      } catch {
        // Missing, or unreadable after a crash in an older version: read the file again.
        return null;
      }
    },
    async put(file) {
      if (writeError) return;
      try {
        if (!created) {
          await mkdir(dir, { recursive: true });
          created = true;
        }
        const target = join(dir, `${file.sha256}.json`);
        const temp = `${target}.${process.pid}.${sequence++}.tmp`;
        await writeFile(temp, JSON.stringify({ version: EXTRACTION_VERSION, file } satisfies Stored));
        await rename(temp, target);
      } catch (error) {
        writeError = (error as Error).message;
      }
    },
  };
}
