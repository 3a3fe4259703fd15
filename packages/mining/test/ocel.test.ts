import { describe, expect, it } from 'vitest';
import { caseTrace, flattenOcel, parseOcelJson, parseOcelXml } from '../src/index';

const JSON_OCEL = JSON.stringify({
  objectTypes: [
    { name: 'order', attributes: [] },
    { name: 'item', attributes: [] },
  ],
  eventTypes: [{ name: 'place', attributes: [] }],
  objects: [
    { id: 'o1', type: 'order', attributes: [{ name: 'total', time: '1970-01-01T00:00:00Z', value: 10 }] },
    { id: 'i1', type: 'item' },
    { id: 'i2', type: 'item' },
    { id: 'i3', type: 'item' },
  ],
  events: [
    {
      id: 'e2',
      type: 'ship',
      time: '2024-01-02T00:00:00Z',
      relationships: [
        { objectId: 'o1', qualifier: '' },
        { objectId: 'i1', qualifier: '' },
      ],
    },
    {
      id: 'e1',
      type: 'place',
      time: '2024-01-01T00:00:00Z',
      attributes: [{ name: 'by', value: 'Ann' }],
      relationships: [
        { objectId: 'o1', qualifier: '' },
        { objectId: 'i1', qualifier: '' },
        { objectId: 'i2', qualifier: '' },
      ],
    },
  ],
});

const XML_OCEL = `<?xml version="1.0"?>
<log>
  <object-types><object-type name="order"><attributes/></object-type></object-types>
  <event-types><event-type name="place"><attributes/></event-type></event-types>
  <objects><object id="o1" type="order"><attributes/></object></objects>
  <events>
    <event id="e1" type="place" time="2024-01-01T00:00:00"><attributes><attribute name="by">Ann</attribute></attributes>
      <objects><relationship object-id="o1" qualifier="q"/></objects></event>
  </events>
</log>`;

describe('OCEL 2.0', () => {
  it('flattens on an object type: an event joins every object of that type', () => {
    const ocel = parseOcelJson(JSON_OCEL);
    expect(ocel.objectTypes).toEqual(['order', 'item']);
    const items = flattenOcel(ocel, 'item');
    expect(items.caseIds).toEqual(['i1', 'i2']);
    expect(caseTrace(items, 0)).toEqual(['place', 'ship']);
    expect(caseTrace(items, 1)).toEqual(['place']);
    const orders = flattenOcel(ocel, 'order');
    expect(orders.caseAttributes.get('total')?.values).toEqual([10]);
    expect(orders.eventAttributes.get('by')?.values).toEqual(['Ann', undefined]);
  });
  it('reads the XML form', () => {
    const ocel = parseOcelXml(XML_OCEL);
    expect(ocel.events[0]).toMatchObject({ id: 'e1', type: 'place', attributes: { by: 'Ann' }, relationships: [{ objectId: 'o1', qualifier: 'q' }] });
    expect(caseTrace(flattenOcel(ocel, 'order'), 0)).toEqual(['place']);
  });
  it('rejects what is not OCEL', () => {
    expect(() => parseOcelJson('{"foo": 1}')).toThrow(expect.objectContaining({ code: 'INVALID_OCEL' }));
  });
});
