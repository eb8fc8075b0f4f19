// The fetch handler inside workerd, configured from tests/http/cases.json (bindings SECRET and
// MAX_BODY_BYTES; a case's public URL in X-Test-Public-Url), and with a short body timeout for
// the stalled-body test (BODY_TIMEOUT_MS). /routed/<name> runs the table's routers
// (test/routed-app.mjs; "answer-first" answers first, ctx.waitUntil keeps its handler running);
// the runner observes them through /__handled, /__reset, /__release and /__startup.
import * as h from '../../pkg/dist/workerd.mjs';
import { routedApp, startupErrors } from '../routed-app.mjs';

let handlers;
let app;

function setUp(env) {
  app = routedApp(h);
  const config = (extra) => ({
    secret: (e) => e.SECRET,
    maxBodyBytes: Number(env.MAX_BODY_BYTES),
    bodyTimeoutMs: Number(env.BODY_TIMEOUT_MS),
    url: (req) => req.headers.get('x-test-public-url') ?? undefined,
    onError: () => {},
    ...extra,
  });
  handlers = { default: h.createFetchHandler(config({ on: { '*': () => {} } })) };
  for (const [name, router] of Object.entries(app.routers)) {
    handlers[name] = h.createFetchHandler(config({ router, answerFirst: name === 'answer-first' }));
  }
}

export default {
  async fetch(request, env, ctx) {
    if (handlers === undefined) setUp(env);
    const path = new URL(request.url).pathname;
    if (path === '/__handled') return Response.json(app.handled);
    if (path === '/__reset') return app.reset(), new Response(null, { status: 204 });
    if (path === '/__release') return app.release(), new Response(null, { status: 204 });
    if (path === '/__startup') return Response.json(startupErrors(h, await request.json()));
    const routed = path.match(/^\/routed\/([^/]+)$/);
    const handler = routed ? handlers[routed[1]] : handlers.default;
    if (handler === undefined) return new Response('no such router', { status: 404 });
    return handler(request, env, ctx);
  },
};
