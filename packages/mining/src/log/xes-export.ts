import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { createGzip } from 'node:zlib';
import { escapeXml } from '../util/xml';
import type { AttributeType, AttributeValue, EventLog } from './event-log';
import { formatTimestamp } from './timestamp';

function attribute(type: AttributeType, key: string, value: AttributeValue): string {
  // Lists and containers were kept only as their own value; write them back as strings.
  const tag = type === 'list' || type === 'container' ? 'string' : type;
  const text = type === 'date' && typeof value === 'number' ? formatTimestamp(value) : String(value);
  return `<${tag} key="${escapeXml(key)}" value="${escapeXml(text)}"/>`;
}

/**
 * Produces the XES document piece by piece, one trace at a time, so a large log is never turned
 * into one string.
 */
export function* xesChunks(log: EventLog): Generator<string> {
  yield '<?xml version="1.0" encoding="UTF-8"?>\n';
  yield '<log xes.version="1.0" xes.features="nested-attributes" xmlns="http://www.xes-standard.org/">\n';
  yield '\t<extension name="Concept" prefix="concept" uri="http://www.xes-standard.org/concept.xesext"/>\n';
  yield '\t<extension name="Time" prefix="time" uri="http://www.xes-standard.org/time.xesext"/>\n';
  yield '\t<extension name="Lifecycle" prefix="lifecycle" uri="http://www.xes-standard.org/lifecycle.xesext"/>\n';
  yield '\t<extension name="Organizational" prefix="org" uri="http://www.xes-standard.org/org.xesext"/>\n';
  for (const [key, { type, value }] of log.logAttributes) yield `\t${attribute(type, key, value)}\n`;
  const caseColumns = [...log.caseAttributes];
  const eventColumns = [...log.eventAttributes];
  for (let c = 0; c + 1 < log.caseOffsets.length; c++) {
    let out = `\t<trace>\n\t\t${attribute('string', 'concept:name', log.caseIds[c] ?? '')}\n`;
    for (const [key, column] of caseColumns) {
      const value = column.values[c];
      if (value !== undefined) out += `\t\t${attribute(column.type, key, value)}\n`;
    }
    const from = log.caseOffsets[c] ?? 0;
    const to = log.caseOffsets[c + 1] ?? from;
    for (let e = from; e < to; e++) {
      out += `\t\t<event>\n\t\t\t${attribute('string', 'concept:name', log.activityNames[log.activities[e] ?? 0] ?? '')}\n`;
      const t = log.timestamps[e] ?? Number.NaN;
      if (!Number.isNaN(t)) out += `\t\t\t${attribute('date', 'time:timestamp', t)}\n`;
      const lifecycle = log.lifecycles.codes[e] ?? -1;
      if (lifecycle >= 0) out += `\t\t\t${attribute('string', 'lifecycle:transition', log.lifecycles.names[lifecycle] ?? '')}\n`;
      const resource = log.resources.codes[e] ?? -1;
      if (resource >= 0) out += `\t\t\t${attribute('string', 'org:resource', log.resources.names[resource] ?? '')}\n`;
      for (const [key, column] of eventColumns) {
        const value = column.values[e];
        if (value !== undefined) out += `\t\t\t${attribute(column.type, key, value)}\n`;
      }
      out += '\t\t</event>\n';
    }
    yield `${out}\t</trace>\n`;
  }
  yield '</log>\n';
}

/** Serialises a log as one XES string (small logs and tests). */
export function toXes(log: EventLog): string {
  return [...xesChunks(log)].join('');
}

async function writeAll(stream: Writable, log: EventLog): Promise<void> {
  for (const chunk of xesChunks(log)) {
    if (!stream.write(chunk)) await once(stream, 'drain');
  }
  stream.end();
  await once(stream, 'finish');
}

/** Writes a log to an `.xes` file, gzip-compressed when the name ends in `.gz`; streamed. */
export async function writeXes(path: string, log: EventLog): Promise<void> {
  const file = createWriteStream(path);
  if (path.toLowerCase().endsWith('.gz')) {
    const gzip = createGzip();
    gzip.pipe(file);
    const closed = once(file, 'close');
    await writeAll(gzip, log);
    await closed;
  } else {
    await writeAll(file, log);
  }
}
