/**
 * The event log, stored by column: one typed array per standard attribute, activities and other
 * repeated strings interned as integers. A 561k-event log is then a few megabytes of typed arrays
 * instead of half a million objects, and every statistic is a tight loop over integers.
 */

/** XES attribute types; `list` and `container` values are kept only as their own `value`. */
export type AttributeType = 'string' | 'date' | 'int' | 'float' | 'boolean' | 'id' | 'list' | 'container';

/** A primitive attribute value; dates are epoch milliseconds. */
export type AttributeValue = string | number | boolean;

/** One attribute across all events (or all cases): `values[i]` belongs to event (case) i. */
export interface AttributeColumn {
  type: AttributeType;
  values: (AttributeValue | undefined)[];
}

/** Strings repeated across events (lifecycle, resource) stored as codes into `names`; -1 means absent. */
export interface InternedColumn {
  names: string[];
  codes: Int32Array;
}

/** A log of cases, each an ordered sequence of events. */
export interface EventLog {
  /** Activity name of each activity id. */
  readonly activityNames: readonly string[];
  /** Case identifier (trace `concept:name`) of each case. */
  readonly caseIds: readonly string[];
  /** Events of case c are the indexes `caseOffsets[c]` up to (not including) `caseOffsets[c + 1]`. */
  readonly caseOffsets: Int32Array;
  /** Activity id of each event. */
  readonly activities: Int32Array;
  /** Timestamp of each event in epoch milliseconds (fractions allowed); NaN when missing. */
  readonly timestamps: Float64Array;
  /** `lifecycle:transition` of each event. */
  readonly lifecycles: InternedColumn;
  /** `org:resource` of each event. */
  readonly resources: InternedColumn;
  /** Every other event attribute, by key. */
  readonly eventAttributes: ReadonlyMap<string, AttributeColumn>;
  /** Every trace attribute except `concept:name`, by key. */
  readonly caseAttributes: ReadonlyMap<string, AttributeColumn>;
  /** Attributes of the log element itself. */
  readonly logAttributes: ReadonlyMap<string, { type: AttributeType; value: AttributeValue }>;
}

/** Number of cases in the log. */
export function caseCount(log: EventLog): number {
  return log.caseOffsets.length - 1;
}

/** Number of events in the log. */
export function eventCount(log: EventLog): number {
  return log.activities.length;
}

/** The activity names of one case, in order. */
export function caseTrace(log: EventLog, caseIndex: number): string[] {
  const from = log.caseOffsets[caseIndex] ?? 0;
  const to = log.caseOffsets[caseIndex + 1] ?? from;
  const trace: string[] = [];
  for (let e = from; e < to; e++) trace.push(log.activityNames[log.activities[e] ?? 0] ?? '');
  return trace;
}

/** Options for turning collected events into a log. */
export interface BuildOptions {
  /**
   * Stable-sort the events of each case by timestamp (ties keep file order), as pm4py does before
   * every statistic. On by default; cases with a missing timestamp are left in file order.
   */
  sortByTimestamp?: boolean;
}

class Interner {
  readonly names: string[] = [];
  private readonly ids = new Map<string, number>();
  intern(name: string): number {
    let id = this.ids.get(name);
    if (id === undefined) {
      id = this.names.length;
      this.names.push(name);
      this.ids.set(name, id);
    }
    return id;
  }
}

function setColumnValue(columns: Map<string, AttributeColumn>, key: string, type: AttributeType, index: number, value: AttributeValue): void {
  let column = columns.get(key);
  if (!column) {
    column = { type, values: [] };
    columns.set(key, column);
  }
  const values = column.values;
  // Pad with explicit undefined rather than leaving holes, so V8 keeps the array in fast mode.
  while (values.length < index) values.push(undefined);
  values[index] = value;
}

function padColumns(columns: Map<string, AttributeColumn>, length: number): void {
  for (const column of columns.values()) while (column.values.length < length) column.values.push(undefined);
}

/**
 * Collects cases and events in file order, interning strings as it goes, then builds the columnar log.
 * Importers (XES, CSV, OCEL) and filters all produce logs through it.
 */
export class EventLogBuilder {
  private readonly activityInterner = new Interner();
  private readonly lifecycleInterner = new Interner();
  private readonly resourceInterner = new Interner();
  private activities = new Int32Array(1024);
  private timestamps = new Float64Array(1024);
  private lifecycles = new Int32Array(1024);
  private resources = new Int32Array(1024);
  private events = 0;
  private readonly caseIds: string[] = [];
  private readonly caseOffsets: number[] = [];
  private readonly eventAttributes = new Map<string, AttributeColumn>();
  private readonly caseAttributes = new Map<string, AttributeColumn>();
  readonly logAttributes = new Map<string, { type: AttributeType; value: AttributeValue }>();

  /** Starts a new case; following events belong to it. */
  startCase(caseId: string): number {
    this.caseIds.push(caseId);
    this.caseOffsets.push(this.events);
    return this.caseIds.length - 1;
  }

  /** Renames the current case (XES gives `concept:name` after the trace has started). */
  setCaseId(caseId: string): void {
    if (this.caseIds.length > 0) this.caseIds[this.caseIds.length - 1] = caseId;
  }

  /** Sets a trace attribute of the current case. */
  setCaseAttribute(key: string, type: AttributeType, value: AttributeValue): void {
    setColumnValue(this.caseAttributes, key, type, this.caseIds.length - 1, value);
  }

  /** Appends an event to the current case and returns its index. */
  addEvent(activity: string, timestamp: number, lifecycle?: string, resource?: string): number {
    const index = this.events;
    if (index === this.activities.length) this.grow();
    this.activities[index] = this.activityInterner.intern(activity);
    this.timestamps[index] = timestamp;
    this.lifecycles[index] = lifecycle === undefined ? -1 : this.lifecycleInterner.intern(lifecycle);
    this.resources[index] = resource === undefined ? -1 : this.resourceInterner.intern(resource);
    this.events++;
    return index;
  }

  /** Sets an extra attribute on the most recently added event. */
  setEventAttribute(key: string, type: AttributeType, value: AttributeValue): void {
    setColumnValue(this.eventAttributes, key, type, this.events - 1, value);
  }

  /** Number of events added so far. */
  get eventCount(): number {
    return this.events;
  }

  private grow(): void {
    const size = this.activities.length * 2;
    const grow32 = (a: Int32Array) => {
      const b = new Int32Array(size);
      b.set(a);
      return b;
    };
    this.activities = grow32(this.activities);
    this.lifecycles = grow32(this.lifecycles);
    this.resources = grow32(this.resources);
    const t = new Float64Array(size);
    t.set(this.timestamps);
    this.timestamps = t;
  }

  /** Finishes the log. The builder must not be used afterwards. */
  build(options: BuildOptions = {}): EventLog {
    const n = this.events;
    const caseCountValue = this.caseIds.length;
    const offsets = new Int32Array(caseCountValue + 1);
    for (let c = 0; c < caseCountValue; c++) offsets[c] = this.caseOffsets[c] ?? 0;
    offsets[caseCountValue] = n;
    padColumns(this.eventAttributes, n);
    padColumns(this.caseAttributes, caseCountValue);
    const log: EventLog = {
      activityNames: this.activityInterner.names,
      caseIds: this.caseIds,
      caseOffsets: offsets,
      activities: this.activities.slice(0, n),
      timestamps: this.timestamps.slice(0, n),
      lifecycles: { names: this.lifecycleInterner.names, codes: this.lifecycles.slice(0, n) },
      resources: { names: this.resourceInterner.names, codes: this.resources.slice(0, n) },
      eventAttributes: this.eventAttributes,
      caseAttributes: this.caseAttributes,
      logAttributes: this.logAttributes,
    };
    if (options.sortByTimestamp !== false) sortEventsByTimestamp(log);
    return log;
  }
}

/**
 * Stable-sorts the events of every case by timestamp, in place. Only cases that are out of order are
 * touched, so a log already sorted (the usual case) costs one pass.
 */
function sortEventsByTimestamp(log: EventLog): void {
  const { caseOffsets, timestamps } = log;
  let permutation: Int32Array | undefined;
  for (let c = 0; c + 1 < caseOffsets.length; c++) {
    const from = caseOffsets[c] ?? 0;
    const to = caseOffsets[c + 1] ?? from;
    let isSorted = true;
    let hasMissing = false;
    for (let e = from; e < to; e++) {
      const t = timestamps[e] ?? Number.NaN;
      if (Number.isNaN(t)) hasMissing = true;
      else if (e > from && t < (timestamps[e - 1] ?? t)) isSorted = false;
    }
    if (isSorted || hasMissing) continue;
    if (!permutation) permutation = Int32Array.from({ length: timestamps.length }, (_, i) => i);
    const indexes = Array.from({ length: to - from }, (_, i) => from + i);
    // Array.prototype.sort is stable, so equal timestamps keep their file order.
    indexes.sort((a, b) => (timestamps[a] ?? 0) - (timestamps[b] ?? 0));
    for (let i = 0; i < indexes.length; i++) permutation[from + i] = indexes[i] ?? from + i;
  }
  if (permutation) applyPermutation(log, permutation);
}

function permuteTyped<T extends Int32Array | Float64Array>(source: T, permutation: Int32Array): void {
  const copy = source.slice();
  for (let i = 0; i < permutation.length; i++) source[i] = copy[permutation[i] ?? i] ?? 0;
}

function applyPermutation(log: EventLog, permutation: Int32Array): void {
  permuteTyped(log.activities, permutation);
  permuteTyped(log.timestamps, permutation);
  permuteTyped(log.lifecycles.codes, permutation);
  permuteTyped(log.resources.codes, permutation);
  for (const column of log.eventAttributes.values()) {
    const copy = column.values.slice();
    for (let i = 0; i < permutation.length; i++) column.values[i] = copy[permutation[i] ?? i];
  }
}

/**
 * Builds a new log from a subset of cases (and optionally of their events), keeping every column.
 * Filters use it; `keepEvent` sees global event indexes.
 */
export function selectEvents(log: EventLog, keepCase: (caseIndex: number) => boolean, keepEvent?: (eventIndex: number) => boolean): EventLog {
  const offsets: number[] = [0];
  const caseIndexes: number[] = [];
  const eventIndexes: number[] = [];
  for (let c = 0; c + 1 < log.caseOffsets.length; c++) {
    if (!keepCase(c)) continue;
    const from = log.caseOffsets[c] ?? 0;
    const to = log.caseOffsets[c + 1] ?? from;
    let kept = 0;
    for (let e = from; e < to; e++) {
      if (keepEvent && !keepEvent(e)) continue;
      eventIndexes.push(e);
      kept++;
    }
    if (kept === 0 && keepEvent) continue;
    caseIndexes.push(c);
    offsets.push(eventIndexes.length);
  }
  const pickTyped = <T extends Int32Array | Float64Array>(source: T, make: (n: number) => T): T => {
    const target = make(eventIndexes.length);
    for (let i = 0; i < eventIndexes.length; i++) target[i] = source[eventIndexes[i] ?? 0] ?? 0;
    return target;
  };
  const eventAttributes = new Map<string, AttributeColumn>();
  for (const [key, column] of log.eventAttributes) {
    eventAttributes.set(key, { type: column.type, values: eventIndexes.map((e) => column.values[e]) });
  }
  const caseAttributes = new Map<string, AttributeColumn>();
  for (const [key, column] of log.caseAttributes) {
    caseAttributes.set(key, { type: column.type, values: caseIndexes.map((c) => column.values[c]) });
  }
  return {
    activityNames: log.activityNames,
    caseIds: caseIndexes.map((c) => log.caseIds[c] ?? ''),
    caseOffsets: Int32Array.from(offsets),
    activities: pickTyped(log.activities, (n) => new Int32Array(n)),
    timestamps: pickTyped(log.timestamps, (n) => new Float64Array(n)),
    lifecycles: { names: log.lifecycles.names, codes: pickTyped(log.lifecycles.codes, (n) => new Int32Array(n)) },
    resources: { names: log.resources.names, codes: pickTyped(log.resources.codes, (n) => new Int32Array(n)) },
    eventAttributes,
    caseAttributes,
    logAttributes: log.logAttributes,
  };
}

/** Builds a log from plain traces of activity names (tests, examples); timestamps one minute apart. */
export function logFromTraces(traces: readonly (readonly string[])[], start = Date.UTC(2024, 0, 1)): EventLog {
  const builder = new EventLogBuilder();
  traces.forEach((trace, i) => {
    builder.startCase(String(i + 1));
    trace.forEach((activity, j) => {
      builder.addEvent(activity, start + (i * 1000 + j) * 60_000);
    });
  });
  return builder.build({ sortByTimestamp: false });
}
