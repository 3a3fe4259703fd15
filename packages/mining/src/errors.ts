/** Stable codes for what can go wrong in the mining library; callers translate them for people. */
export type MiningErrorCode =
  | 'FILE_NOT_FOUND'
  | 'FILE_UNREADABLE'
  | 'UNKNOWN_FORMAT'
  | 'INVALID_XES'
  | 'INVALID_CSV'
  | 'INVALID_OCEL'
  | 'INVALID_PNML'
  | 'UNKNOWN_COLUMN'
  | 'UNKNOWN_OBJECT_TYPE'
  | 'INVALID_MODEL';

/** The one error type of the mining package, with a stable code. */
export class MiningError extends Error {
  readonly code: MiningErrorCode;
  constructor(code: MiningErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MiningError';
    this.code = code;
  }
}
