/**
 * Subscriptions (2013-07-01): destinations and subscriptions per seller and marketplace. A destination is
 * identified by its delivery channel and attributes (the SQS queue URL); subscriptions need a registered
 * destination, and deregistering a destination drops its subscriptions.
 */
import type { SandboxState } from '../state';
import type { DestinationRecord, SubscriptionRecord } from '../state/records';
import type { OperationHandler, SandboxRequest } from '../types';
import { catalogResult } from './render';
import { boolParam, checkMarketplace, invalid, requireParam, result, structListParam } from './wire';

export function subscriptionsHandlers(state: SandboxState): Record<string, OperationHandler> {
  const keyOf = (req: SandboxRequest) => {
    const marketplaceId = requireParam(req.params, 'MarketplaceId');
    checkMarketplace(req, marketplaceId, state.sellerMarketplaces(req.sellerId));
    return `${req.sellerId}|${marketplaceId}`;
  };
  const destinations = (key: string) => (state.records.destinations[key] ??= []);
  const subscriptions = (key: string) => (state.records.subscriptions[key] ??= []);
  const destinationParam = (req: SandboxRequest, prefix: string): DestinationRecord => {
    const channel = requireParam(req.params, `${prefix}.DeliveryChannel`);
    if (channel !== 'SQS') throw invalid(`${prefix}.DeliveryChannel must be SQS, got "${channel}"`);
    const attributes = structListParam(req.params, `${prefix}.AttributeList.member`).map((a) => ({ key: a.Key ?? '', value: a.Value ?? '' }));
    const queue = attributes.find((a) => a.key === 'sqsQueueUrl');
    if (!queue) throw invalid(`${prefix}.AttributeList must contain the key sqsQueueUrl`);
    // The account is digits; Amazon's docs write it as digits + EXAMPLE (…/51471EXAMPLE/mws_notifications).
    if (!/^https:\/\/sqs\.[a-z0-9-]+\.amazonaws\.com\/\d+(EXAMPLE)?\/[\w-]+$/.test(queue.value)) {
      throw invalid(`${prefix} sqsQueueUrl must look like https://sqs.<region>.amazonaws.com/<account>/<queue>, got "${queue.value}"`);
    }
    return { deliveryChannel: channel, attributes };
  };
  const same = (a: DestinationRecord, b: DestinationRecord) =>
    a.deliveryChannel === b.deliveryChannel && JSON.stringify([...a.attributes].sort((x, y) => x.key.localeCompare(y.key))) === JSON.stringify([...b.attributes].sort((x, y) => x.key.localeCompare(y.key)));
  const requireRegistered = (key: string, d: DestinationRecord) => {
    if (!destinations(key).some((x) => same(x, d))) throw invalid('The destination is not registered for this seller and marketplace; call RegisterDestination first');
  };
  const destinationXml = (d: DestinationRecord) => ({ DeliveryChannel: d.deliveryChannel, AttributeList: d.attributes.map((a) => ({ Key: a.key, Value: a.value })) });
  const subscriptionXml = (s: SubscriptionRecord) => ({ NotificationType: s.notificationType, Destination: destinationXml(s.destination), IsEnabled: s.isEnabled });
  const find = (key: string, type: string, d: DestinationRecord) => subscriptions(key).find((s) => s.notificationType === type && same(s.destination, d));
  const subscriptionParam = (req: SandboxRequest): SubscriptionRecord => ({
    notificationType: requireParam(req.params, 'Subscription.NotificationType'),
    destination: destinationParam(req, 'Subscription.Destination'),
    isEnabled: boolParam(req.params, 'Subscription.IsEnabled') ?? true,
  });

  return {
    'Subscriptions.RegisterDestination': (req) => {
      const key = keyOf(req);
      const d = destinationParam(req, 'Destination');
      if (destinations(key).some((x) => same(x, d))) throw invalid('The destination is already registered');
      destinations(key).push(d);
      return result('RegisterDestination', '');
    },
    'Subscriptions.DeregisterDestination': (req) => {
      const key = keyOf(req);
      const d = destinationParam(req, 'Destination');
      requireRegistered(key, d);
      state.records.destinations[key] = destinations(key).filter((x) => !same(x, d));
      state.records.subscriptions[key] = subscriptions(key).filter((s) => !same(s.destination, d));
      return result('DeregisterDestination', '');
    },
    'Subscriptions.ListRegisteredDestinations': (req) => catalogResult('Subscriptions.ListRegisteredDestinations', { DestinationList: destinations(keyOf(req)).map(destinationXml) }),
    'Subscriptions.SendTestNotificationToDestination': (req) => {
      const key = keyOf(req);
      requireRegistered(key, destinationParam(req, 'Destination'));
      return result('SendTestNotificationToDestination', '');
    },
    'Subscriptions.CreateSubscription': (req) => {
      const key = keyOf(req);
      const s = subscriptionParam(req);
      requireRegistered(key, s.destination);
      if (find(key, s.notificationType, s.destination)) throw invalid(`A ${s.notificationType} subscription to this destination already exists`);
      subscriptions(key).push(s);
      return result('CreateSubscription', '');
    },
    'Subscriptions.GetSubscription': (req) => {
      const key = keyOf(req);
      const type = requireParam(req.params, 'NotificationType');
      const s = find(key, type, destinationParam(req, 'Destination'));
      if (!s) throw invalid(`No ${type} subscription to this destination exists`);
      return catalogResult('Subscriptions.GetSubscription', { Subscription: subscriptionXml(s) });
    },
    'Subscriptions.DeleteSubscription': (req) => {
      const key = keyOf(req);
      const type = requireParam(req.params, 'NotificationType');
      const d = destinationParam(req, 'Destination');
      if (!find(key, type, d)) throw invalid(`No ${type} subscription to this destination exists`);
      state.records.subscriptions[key] = subscriptions(key).filter((s) => !(s.notificationType === type && same(s.destination, d)));
      return result('DeleteSubscription', '');
    },
    'Subscriptions.ListSubscriptions': (req) => catalogResult('Subscriptions.ListSubscriptions', { SubscriptionList: subscriptions(keyOf(req)).map(subscriptionXml) }),
    'Subscriptions.UpdateSubscription': (req) => {
      const key = keyOf(req);
      const s = subscriptionParam(req);
      const existing = find(key, s.notificationType, s.destination);
      if (!existing) throw invalid(`No ${s.notificationType} subscription to this destination exists`);
      existing.isEnabled = s.isEnabled;
      return result('UpdateSubscription', '');
    },
  };
}
