// The fetch handler inside workerd, configured from tests/http/cases.json (bindings SECRET and
// MAX_BODY_BYTES; a case's public URL in X-Test-Public-Url), and with a short body timeout for
// the stalled-body test (BODY_TIMEOUT_MS).
import { createFetchHandler } from '../../pkg/dist/workerd.mjs';

let handler;

export default {
  fetch(request, env, ctx) {
    handler ??= createFetchHandler({
      secret: (e) => e.SECRET,
      maxBodyBytes: Number(env.MAX_BODY_BYTES),
      bodyTimeoutMs: Number(env.BODY_TIMEOUT_MS),
      url: (req) => req.headers.get('x-test-public-url') ?? undefined,
      onError: () => {},
      on: { '*': () => {} },
    });
    return handler(request, env, ctx);
  },
};
