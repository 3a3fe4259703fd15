import { type AttributeValue, type EventLog, EventLogBuilder } from './event-log';

/** One event as a row, e.g. from a database: the shape a live log is built from. */
export interface EventRow {
  caseId: string;
  activity: string;
  /** Epoch milliseconds. */
  timestamp: number;
  resource?: string;
  /** Case-level attributes (kind, unit, KLE …), read from the first row of each case. */
  caseAttributes?: Record<string, AttributeValue | null | undefined>;
}

/**
 * Builds a log from rows that are grouped by case (rows of one case consecutive, as an ORDER BY
 * case, time gives them); events are then sorted by time within each case like every importer does.
 */
export function logFromRows(rows: Iterable<EventRow>): EventLog {
  const builder = new EventLogBuilder();
  let current: string | null = null;
  const seen = new Set<string>();
  for (const row of rows) {
    if (row.caseId !== current) {
      if (seen.has(row.caseId)) throw new Error(`rows of case ${row.caseId} are not consecutive`);
      seen.add(row.caseId);
      current = row.caseId;
      builder.startCase(row.caseId);
      for (const [key, value] of Object.entries(row.caseAttributes ?? {})) {
        if (value !== null && value !== undefined)
          builder.setCaseAttribute(key, typeof value === 'number' ? 'float' : typeof value === 'boolean' ? 'boolean' : 'string', value);
      }
    }
    builder.addEvent(row.activity, row.timestamp, undefined, row.resource);
  }
  return builder.build();
}
