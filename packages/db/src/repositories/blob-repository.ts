import { eq } from 'drizzle-orm';
import type { Db } from '../open';
import { blobs } from '../schema';

/** Raw sources by hash. */
export function createBlobRepository(db: Db) {
  return {
    /** The blob with this hash, or null. */
    async findBlob(hash: string): Promise<{ content: Uint8Array; mediaType: string; size: number } | null> {
      const [row] = await db.select().from(blobs).where(eq(blobs.hash, hash));
      return row ? { content: row.content, mediaType: row.mediaType, size: row.size } : null;
    },
  };
}
