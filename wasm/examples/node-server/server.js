import { createServer } from 'node:http';
import { createNodeMiddleware, createRouter } from 'hubspot-webhooks';

const router = createRouter()
  .on('contact.creation', (event) => {
    console.log(`new contact ${event.objectId} in portal ${event.portalId}`);
  })
  .on('conversation.newMessage', (event) => {
    console.log(`message ${event.messageId} (${event.messageType}) in thread ${event.objectId}`);
  })
  .onAny((event) => {
    console.log(`${event.subscriptionType ?? event.type} ${event.dedupKey}`);
  });

// Reads the raw body itself. Behind a proxy, pass `url` (the public URL HubSpot calls) or
// `trustProxy: true`. With Express: app.post('/webhook', webhooks), before express.json().
const webhooks = createNodeMiddleware({ router, secret: process.env.HUBSPOT_CLIENT_SECRET });

const server = createServer((req, res) => {
  // Route on the path alone: HubSpot may call the target URL with a query string.
  const path = req.url.split('?')[0];
  if (path === '/webhook' || path.startsWith('/webhook/')) return webhooks(req, res);
  res.statusCode = 404;
  res.end();
});

server.listen(Number(process.env.PORT ?? 3000), '127.0.0.1', () => {
  console.log(`listening on http://127.0.0.1:${server.address().port}/webhook`);
});
