import { createHash } from 'node:crypto';
import type { BlobInput } from '@ekspedit/core';

/** sha256 in hex: the address of a stored raw source. */
export function sha256Hex(content: Uint8Array): string {
  return createHash('sha256').update(content).digest('hex');
}

/** A blob addressed by its hash. */
export function toBlob(content: Uint8Array, mediaType: string): BlobInput {
  return { hash: sha256Hex(content), content, mediaType };
}
