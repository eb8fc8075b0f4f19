// The routers tests/http/cases.json mounts at /routed/<name> ("routers": ok, failing,
// answer-first), each handler recording "<pattern> <name>" (name: the subscriptionType, or a
// Custom Channels event's type) when it finishes; and the table's start-up errors (a typo'd
// pattern must fail at registration). Web APIs only: used by the Node middleware test and by
// the workerd worker (test/workerd/http-worker.mjs).

/** The routers, what they recorded, and the gate the answer-first handler waits on. */
export function routedApp(h) {
  const handled = [];
  // A flag the waiting handler polls with its own timers: workerd does not let one request
  // resolve a promise another request waits on (/__release vs the handler's ctx.waitUntil).
  let released = false;
  const gate = async () => {
    for (let i = 0; i < 1000 && !released; i++) await new Promise((r) => setTimeout(r, 5));
  };
  const record = (pattern) => (event) => void handled.push(`${pattern} ${event.subscriptionType ?? event.type}`);
  const routers = {
    ok: h
      .createRouter()
      .on('*', record('*'))
      .on('contact.creation', record('contact.creation'))
      .on('OUTGOING_CHANNEL_MESSAGE_CREATED', record('OUTGOING_CHANNEL_MESSAGE_CREATED')),
    failing: h
      .createRouter()
      .on('*', () => {
        throw new Error('this handler fails (tests/http/cases.json, router "failing")');
      })
      .on('*', record('*')),
    'answer-first': h.createRouter().on('*', async (event) => {
      await gate();
      record('*')(event);
    }),
  };
  return {
    routers,
    handled,
    reset() {
      handled.length = 0;
      released = false;
    },
    release() {
      released = true;
    },
  };
}

/** Registers each of the table's start-up patterns: `[{ pattern, code, message }]` of what registering threw. */
export function startupErrors(h, table) {
  return table.startup_errors.map(({ pattern }) => {
    try {
      h.createRouter().on(pattern, () => {});
      return { pattern, code: null, message: 'registered' };
    } catch (e) {
      return { pattern, code: e.code ?? null, message: String(e.message) };
    }
  });
}
