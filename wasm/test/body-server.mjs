// A node:http server with createNodeMiddleware for test/bodies.test.mjs: a 1 MiB body limit and
// a 500 ms body timeout; prints its port. Run in its own process so that its memory is its own.
import { createServer } from 'node:http';
import { createNodeMiddleware } from 'hubspot-webhooks';

const mw = createNodeMiddleware({ secret: 'bodies-secret', maxBodyBytes: 1 << 20, bodyTimeoutMs: 500, onError: () => {} });
const server = createServer((req, res) => mw(req, res));
server.listen(0, '127.0.0.1', () => console.log(`port ${server.address().port}`));
