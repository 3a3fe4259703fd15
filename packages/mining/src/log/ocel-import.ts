import { MiningError } from '../errors';
import { child, childrenNamed, parseXmlTree, type XmlElement } from '../util/xml';
import { type EventLog, EventLogBuilder } from './event-log';
import { readText } from './input';
import { type OffsetMode, parseTimestamp } from './timestamp';

/** An object of an OCEL 2.0 log. */
export interface OcelObject {
  id: string;
  type: string;
  /** Latest value of each attribute (OCEL allows values over time; flattening needs one). */
  attributes: Record<string, string | number | boolean>;
  relationships: { objectId: string; qualifier: string }[];
}

/** An event of an OCEL 2.0 log with its event-to-object relations. */
export interface OcelEvent {
  id: string;
  type: string;
  /** Epoch milliseconds. */
  time: number;
  attributes: Record<string, string | number | boolean>;
  relationships: { objectId: string; qualifier: string }[];
}

/** An object-centric event log (OCEL 2.0). */
export interface OcelLog {
  objectTypes: string[];
  eventTypes: string[];
  objects: OcelObject[];
  events: OcelEvent[];
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function asArray(value: Json | undefined): Json[] {
  return Array.isArray(value) ? value : [];
}

function asRecord(value: Json | undefined): Record<string, Json> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : {};
}

function primitive(value: Json | undefined): string | number | boolean {
  return typeof value === 'number' || typeof value === 'boolean' ? value : typeof value === 'string' ? value : JSON.stringify(value ?? null);
}

function relationshipsFromJson(value: Json | undefined): { objectId: string; qualifier: string }[] {
  return asArray(value).map((r) => {
    const rel = asRecord(r);
    return { objectId: String(rel.objectId ?? ''), qualifier: String(rel.qualifier ?? '') };
  });
}

/** Parses OCEL 2.0 JSON (the `.jsonocel` layout of ocel-standard.org). */
export function parseOcelJson(text: string, offsets: OffsetMode = 'ignore'): OcelLog {
  let root: Record<string, Json>;
  try {
    root = asRecord(JSON.parse(text) as Json);
  } catch (error) {
    throw new MiningError('INVALID_OCEL', `Not valid OCEL JSON: ${(error as Error).message}`, { cause: error });
  }
  if (!Array.isArray(root.events) || !Array.isArray(root.objects)) {
    throw new MiningError('INVALID_OCEL', 'OCEL JSON needs "events" and "objects" arrays');
  }
  const objects: OcelObject[] = asArray(root.objects).map((o) => {
    const object = asRecord(o);
    const attributes: Record<string, string | number | boolean> = {};
    for (const a of asArray(object.attributes)) {
      const attribute = asRecord(a);
      attributes[String(attribute.name ?? '')] = primitive(attribute.value);
    }
    return { id: String(object.id ?? ''), type: String(object.type ?? ''), attributes, relationships: relationshipsFromJson(object.relationships) };
  });
  const events: OcelEvent[] = asArray(root.events).map((e) => {
    const event = asRecord(e);
    const attributes: Record<string, string | number | boolean> = {};
    for (const a of asArray(event.attributes)) {
      const attribute = asRecord(a);
      attributes[String(attribute.name ?? '')] = primitive(attribute.value);
    }
    return {
      id: String(event.id ?? ''),
      type: String(event.type ?? ''),
      time: parseTimestamp(String(event.time ?? ''), offsets),
      attributes,
      relationships: relationshipsFromJson(event.relationships),
    };
  });
  const namesOf = (value: Json | undefined) => asArray(value).map((t) => String(asRecord(t).name ?? ''));
  return withTypes({ objectTypes: namesOf(root.objectTypes), eventTypes: namesOf(root.eventTypes), objects, events });
}

/** Adds types that objects and events use but the header did not declare. */
function withTypes(log: OcelLog): OcelLog {
  const objectTypes = [...log.objectTypes];
  for (const o of log.objects) if (!objectTypes.includes(o.type)) objectTypes.push(o.type);
  const eventTypes = [...log.eventTypes];
  for (const e of log.events) if (!eventTypes.includes(e.type)) eventTypes.push(e.type);
  return { ...log, objectTypes, eventTypes };
}

function xmlAttributes(element: XmlElement): Record<string, string> {
  const attributes: Record<string, string> = {};
  const list = child(element, 'attributes');
  // Later values (by position) replace earlier ones: the latest value over time is kept.
  if (list) for (const a of childrenNamed(list, 'attribute')) attributes[a.attributes.name ?? ''] = a.text.trim();
  return attributes;
}

function xmlRelationships(element: XmlElement): { objectId: string; qualifier: string }[] {
  const list = child(element, 'objects');
  if (!list) return [];
  return childrenNamed(list, 'relationship').map((r) => ({ objectId: r.attributes['object-id'] ?? '', qualifier: r.attributes.qualifier ?? '' }));
}

/** Parses OCEL 2.0 XML (the `.xmlocel` layout of ocel-standard.org). */
export function parseOcelXml(text: string, offsets: OffsetMode = 'ignore'): OcelLog {
  let root: XmlElement;
  try {
    root = parseXmlTree(text);
  } catch (error) {
    throw new MiningError('INVALID_OCEL', `Not valid OCEL XML: ${(error as Error).message}`, { cause: error });
  }
  const log = child(root, 'log');
  if (!log) throw new MiningError('INVALID_OCEL', 'OCEL XML needs a <log> root element');
  const typeNames = (container: string, item: string) => {
    const list = child(log, container);
    return list ? childrenNamed(list, item).map((t) => t.attributes.name ?? '') : [];
  };
  const objectList = child(log, 'objects');
  const eventList = child(log, 'events');
  const objects: OcelObject[] = (objectList ? childrenNamed(objectList, 'object') : []).map((o) => ({
    id: o.attributes.id ?? '',
    type: o.attributes.type ?? '',
    attributes: xmlAttributes(o),
    relationships: xmlRelationships(o),
  }));
  const events: OcelEvent[] = (eventList ? childrenNamed(eventList, 'event') : []).map((e) => ({
    id: e.attributes.id ?? '',
    type: e.attributes.type ?? '',
    time: parseTimestamp(e.attributes.time ?? '', offsets),
    attributes: xmlAttributes(e),
    relationships: xmlRelationships(e),
  }));
  return withTypes({ objectTypes: typeNames('object-types', 'object-type'), eventTypes: typeNames('event-types', 'event-type'), objects, events });
}

/** Reads an OCEL 2.0 file in JSON or XML. */
export async function readOcel(path: string, format: 'ocel-json' | 'ocel-xml', offsets: OffsetMode = 'ignore'): Promise<OcelLog> {
  const text = await readText(path);
  return format === 'ocel-json' ? parseOcelJson(text, offsets) : parseOcelXml(text, offsets);
}

/**
 * Flattens an object-centric log on one object type, as pm4py's `ocel_flattening` does: every object
 * of that type becomes a case holding every event related to it, so an event related to three orders
 * appears in three cases. Objects without events are left out; object attributes become case attributes.
 */
export function flattenOcel(ocel: OcelLog, objectType: string): EventLog {
  const objectsOfType = ocel.objects.filter((o) => o.type === objectType);
  const eventsOfObject = new Map<string, number[]>(objectsOfType.map((o) => [o.id, []]));
  ocel.events.forEach((event, index) => {
    const seen = new Set<string>();
    for (const { objectId } of event.relationships) {
      if (seen.has(objectId)) continue;
      seen.add(objectId);
      eventsOfObject.get(objectId)?.push(index);
    }
  });
  const builder = new EventLogBuilder();
  for (const object of objectsOfType) {
    const indexes = eventsOfObject.get(object.id) ?? [];
    if (indexes.length === 0) continue;
    builder.startCase(object.id);
    for (const [key, value] of Object.entries(object.attributes)) {
      builder.setCaseAttribute(key, typeof value === 'number' ? 'float' : typeof value === 'boolean' ? 'boolean' : 'string', value);
    }
    for (const index of indexes) {
      const event = ocel.events[index];
      if (!event) continue;
      builder.addEvent(event.type, event.time);
      builder.setEventAttribute('ocel:eid', 'id', event.id);
      for (const [key, value] of Object.entries(event.attributes)) {
        builder.setEventAttribute(key, typeof value === 'number' ? 'float' : typeof value === 'boolean' ? 'boolean' : 'string', value);
      }
    }
  }
  return builder.build();
}
