import { createFetchHandler, createRouter } from 'hubspot-webhooks';

const router = createRouter()
  // Classic contact.creation and generic object.creation of contacts alike.
  .on('contact.creation', (event) => {
    console.log(`new contact ${event.objectId} in portal ${event.portalId}`);
  })
  .on('conversation.newMessage', (event) => {
    console.log(`message ${event.messageId} (${event.messageType}) in thread ${event.objectId}`);
  })
  .onAny((event) => {
    console.log(`${event.subscriptionType ?? event.type} ${event.dedupKey}`);
  });

export default {
  // Verifies the signature over the raw body, parses the batch, runs the router, answers 204
  // (401 for a bad signature, 400 for a bad body, 405 for anything but POST).
  fetch: createFetchHandler({ router, secret: (env) => env.HUBSPOT_CLIENT_SECRET }),
};
