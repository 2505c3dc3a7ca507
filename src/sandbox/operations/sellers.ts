/**
 * Sellers (2011-07-01): the marketplaces the calling seller participates in. Pages are small (2
 * participations) so the NextToken path is exercised by real data, as the published sample shows one.
 */
import { issueNextToken } from '../nexttoken';
import { marketplaceById, type SandboxState } from '../state';
import type { OperationHandler } from '../types';
import { element, readCursor, result, text } from './wire';

export const PARTICIPATIONS_PAGE_SIZE = 2;

interface ParticipationsCursor {
  op: 'ListMarketplaceParticipations';
  seller: string;
  next: number;
}

export function sellersHandlers(state: SandboxState): Record<string, OperationHandler> {
  const page = (operation: string, sellerId: string, from: number, now: number) => {
    const ids = state.sellerMarketplaces(sellerId);
    const slice = ids.slice(from, from + PARTICIPATIONS_PAGE_SIZE);
    const more = from + PARTICIPATIONS_PAGE_SIZE < ids.length;
    const token = more ? issueNextToken({ op: 'ListMarketplaceParticipations', seller: sellerId, next: from + PARTICIPATIONS_PAGE_SIZE }, now) : undefined;
    return result(operation, [
      token ? text('NextToken', token) : '',
      element('ListParticipations', slice.map((id) =>
        element('Participation', [text('MarketplaceId', id), text('SellerId', sellerId), text('HasSellerSuspendedListings', 'No')]))),
      element('ListMarketplaces', slice.map((id) => {
        const m = marketplaceById(id);
        if (!m) return '';
        return element('Marketplace', [
          text('MarketplaceId', m.marketplaceId), text('Name', m.name), text('DefaultCountryCode', m.countryCode),
          text('DefaultCurrencyCode', m.currency), text('DefaultLanguageCode', m.languageCode), text('DomainName', m.domainName),
        ]);
      })),
    ]);
  };
  return {
    'Sellers.ListMarketplaceParticipations': (req) => page('ListMarketplaceParticipations', req.sellerId, 0, req.now),
    'Sellers.ListMarketplaceParticipationsByNextToken': (req) =>
      page('ListMarketplaceParticipationsByNextToken', req.sellerId, readCursor<ParticipationsCursor>(req, 'ListMarketplaceParticipations').next, req.now),
  };
}
