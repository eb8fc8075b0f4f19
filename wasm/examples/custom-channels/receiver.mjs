// One endpoint, both shapes: Webhooks API batches and Custom Channels events, told apart by the body.
import { createRouter, fixtures, verifyAndParse } from 'hubspot-webhooks';

const secret = process.env.HUBSPOT_CLIENT_SECRET ?? 'your-app-client-secret';

const router = createRouter()
  .on('OUTGOING_CHANNEL_MESSAGE_CREATED', (event) => {
    // An agent replied in HubSpot: deliver event.message to your channel (IDs are strings).
    const to = event.message.recipients?.[0]?.deliveryIdentifier?.value;
    console.log(`send to ${to}: ${event.message.text} (thread ${event.message.conversationsThreadId})`);
  })
  .on('CHANNEL_ACCOUNT_PURGED', (event) => console.log(`forget channel account ${event.channelAccountId}`))
  .on('contact.creation', (event) => console.log(`new contact ${event.objectId}`));

// A signed delivery as HubSpot sends it (see "Testing your receiver"); in a server, the request.
const request = fixtures.delivery('OUTGOING_CHANNEL_MESSAGE_CREATED', { secret, url: 'https://example.com/hubspot/webhook' });

const delivery = verifyAndParse(request, { secret });
console.log(`${delivery.kind} delivery, dedup key ${delivery.channelEvent.dedupKey}`);
await router.receive(delivery);
