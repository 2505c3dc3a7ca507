/**
 * Deliberate deviations from the reference datatypes (scripts/catalog-policy.ts DATATYPE_CORRECTIONS): each one
 * is in the generated catalog, recorded in catalog.notes, and changes how the sample that motivated it normalises.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { catalog, getDatatype, getOperation } from '../../src/mws/catalog';
import { parseMwsResponse } from '../../src/mws/xml';
import { applyDatatypeCorrections, DATATYPE_CORRECTIONS } from '../../scripts/catalog-policy';
import type { RawDatatype } from '../../scripts/catalog-datatypes';

const sample = (name: string): Buffer => readFileSync(join(__dirname, '..', 'fixtures', 'samples', name));

describe('datatype corrections', () => {
  test.each(DATATYPE_CORRECTIONS.map((c) => [`${c.datatype}.${c.element.name}`, c] as const))('%s is in the catalog and its notes', (where, correction) => {
    const element = getDatatype(correction.datatype)?.elements.find((e) => e.name === correction.element.name);
    expect(element).toBeDefined();
    expect(catalog.notes?.filter((note) => note.startsWith(`${where}: `) && note.includes('deviation from the reference'))).toHaveLength(1);
  });

  test('FulfillmentOrder.NotificationEmailList is a member list of strings', async () => {
    expect(getDatatype('FulfillmentOutboundShipment.FulfillmentOrder')?.elements.find((e) => e.name === 'NotificationEmailList')).toEqual({
      name: 'NotificationEmailList',
      type: 'string',
      list: true,
      xmlItem: 'member',
    });
    const { result } = await parseMwsResponse(getOperation('FulfillmentOutboundShipment.ListAllFulfillmentOrders'), sample('ListAllFulfillmentOrdersResponse.xml'));
    expect((result as { FulfillmentOrders: Array<{ NotificationEmailList: unknown }> }).FulfillmentOrders[0]?.NotificationEmailList).toEqual(['o8c2EXAMPLsfr7o@marketplace.amazon.com']);
  });

  test('Products.OfferCount keeps its count as an integer Value beside the attributes', async () => {
    const { result } = await parseMwsResponse(getOperation('Products.GetLowestPricedOffersForASIN'), sample('GetLowestPricedOffersForASINResponse.xml'));
    expect((result as { Summary: { NumberOfOffers: unknown } }).Summary.NumberOfOffers).toEqual([{ condition: 'new', fulfillmentChannel: 'Amazon', Value: 1 }]);
  });

  test('Orders.Address.isAddressSharingConfidential is a boolean', async () => {
    const { result } = await parseMwsResponse(getOperation('Orders.ListOrders'), sample('mock.ListOrdersResponse.xml'));
    const addresses = (result as { Orders: Array<Record<string, { isAddressSharingConfidential?: unknown } | undefined>> }).Orders.flatMap((o) => [o.ShippingAddress, o.DefaultShipFromLocationAddress]);
    const flags = addresses.map((a) => a?.isAddressSharingConfidential).filter((v) => v !== undefined);
    expect(flags).toContain(true);
    expect(flags.every((v) => typeof v === 'boolean')).toBe(true);
  });

  test('a correction replaces an element of the same name, adds a new one, and leaves its input untouched', () => {
    const raw: Record<string, RawDatatype> = {};
    for (const c of DATATYPE_CORRECTIONS) raw[c.datatype] = { section: c.datatype.split('.')[0] as string, elements: [] };
    const datatype = DATATYPE_CORRECTIONS[0]?.datatype as string;
    raw[datatype] = { section: 'X', elements: [{ name: DATATYPE_CORRECTIONS[0]?.element.name as string, type: 'xs:string' }, { name: 'Other', type: 'xs:int' }] };
    const { datatypes, notes } = applyDatatypeCorrections(raw);
    expect(datatypes[datatype]?.elements.map((e) => e.name)).toEqual([DATATYPE_CORRECTIONS[0]?.element.name, 'Other']);
    expect(datatypes[datatype]?.elements[0]).toBe(DATATYPE_CORRECTIONS[0]?.element);
    expect(raw[datatype]?.elements[0]?.type).toBe('xs:string');
    expect(notes.filter((n) => n.includes(': corrected ('))).toHaveLength(1);
    expect(notes).toHaveLength(DATATYPE_CORRECTIONS.length);
  });

  test('a correction for a datatype the reference lacks stops generation', () => {
    expect(() => applyDatatypeCorrections({})).toThrow(/datatypes.json has no /);
  });
});
