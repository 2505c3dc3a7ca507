/**
 * Safe XML for MWS responses: the guard + tree (xml/guard, xml/tree), normalisation against the catalog
 * (xml/normalise) and the response/error envelopes (xml/response). This module binds them to the generated catalog.
 */
import { getDatatype } from './catalog';
import type { OperationSpec } from './catalog/types';
import { createContext, normaliseValue, type DebugLogger } from './xml/normalise';
import { parseMwsResponseWith, type ParsedMwsResponse, type ParseResponseOptions } from './xml/response';

export { DEFAULT_XML_LIMITS, type XmlLimits } from './xml/guard';
export { parseXml, type XmlElement } from './xml/tree';
export { genericValue, type DebugLogger } from './xml/normalise';
export { findRequestId, parseErrorResponse, type ParsedMwsResponse, type ParseResponseOptions } from './xml/response';

/** Normalises one element given its type: a scalar (`int`, `decimal`, ...) or a datatype key such as `Orders.Order`. */
export function normaliseElement(el: import('./xml/tree').XmlElement, type: string, logger?: DebugLogger): unknown {
  return normaliseValue(el, type, createContext(getDatatype, logger), `/${el.name}`);
}

/** Parses and normalises a successful MWS response of `op`; an `<ErrorResponse>` body throws its MwsServiceError. */
export function parseMwsResponse(op: OperationSpec, body: string | Buffer, options?: ParseResponseOptions): Promise<ParsedMwsResponse> {
  return parseMwsResponseWith(getDatatype, op, body, options);
}

