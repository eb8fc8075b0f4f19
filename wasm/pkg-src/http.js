// The HTTP helpers: a fetch handler (Workers, fetch-style servers) and a Node middleware. They
// read the body as a stream, never past the size limit nor for longer than `bodyTimeoutMs`,
// verify and parse it, run the router, and answer what the core's policy says (its Response
// for an error, 405 and handler failures; 204 once every handler finished).
import { schema } from './core.js';
import { HubSpotWebhookError, requireReady, responseOf, usage } from './errors.js';
import { parseBatch, verifyAndParse } from './api.js';
import { bodyBytes, DECLARED_LENGTH, describe, knownNames, secretList } from './arguments.js';
import { WebhookRouter } from './router.js';

/** The time a client may take to send the body, by default (HubSpot itself waits 5 s for an answer). */
const BODY_TIMEOUT_MS = 10_000;
/** The longest a timer waits (setTimeout takes anything longer as 1 ms). */
const LONGEST_TIMEOUT_MS = 2 ** 31 - 1;
/** The configuration's names besides the core's options. */
const CONFIG_NAMES = ['secret', 'secrets', 'router', 'on', 'onError', 'answerFirst', 'bodyTimeoutMs', 'url', 'trustProxy', 'now'];

/** The HTTP status for an error, from the core's policy (401, 413, 400, 500); 500 for any other error. */
export function statusFor(error) {
  return error instanceof HubSpotWebhookError && typeof error.status === 'number' ? error.status : 500;
}

/** The answer `{ status, headers, body }` for an error of verification or parsing. */
function errorResponse(error) {
  // The core's Response::for_error (the package's own argument errors are core errors too).
  return responseOf(error) ?? schema.handlerFailed;
}

function handlerConfig(config) {
  requireReady();
  if (config === null || typeof config !== 'object') throw usage('pass a configuration object: { secret, router }');
  knownNames(config, [...schema.optionNames, ...CONFIG_NAMES]);
  const router = config.router ?? new WebhookRouter();
  if (typeof router?.receive !== 'function') throw usage(`option router must be a router (createRouter()), got ${describe(router)}`);
  if (config.on !== undefined) {
    if (config.on === null || typeof config.on !== 'object') throw usage(`option on must be an object of patterns to handlers, got ${describe(config.on)}`);
    for (const [pattern, handler] of Object.entries(config.on)) router.on(pattern, handler);
  }
  if (config.secret === undefined && config.secrets === undefined) {
    throw usage("no secret: pass `secret` (your app's client secret) or `secrets`, or a function (env) => secret on Workers");
  }
  const secretSource = config.secrets ?? config.secret;
  if (typeof secretSource !== 'function') secretList({ secrets: secretSource });
  const options = {};
  for (const name of [...schema.optionNames, 'url', 'trustProxy', 'now']) if (config[name] !== undefined) options[name] = config[name];
  // The core checks its options now (on no body, which it then refuses), not on every request.
  try {
    parseBatch('', Object.fromEntries(schema.optionNames.map((name) => [name, options[name]])));
  } catch (error) {
    if (error?.code === 'invalid_argument') throw error;
  }
  const timeout = config.bodyTimeoutMs ?? BODY_TIMEOUT_MS;
  if (typeof timeout !== 'number' || !(timeout > 0 && timeout <= LONGEST_TIMEOUT_MS)) {
    throw usage(`option bodyTimeoutMs must be a positive number of milliseconds, at most ${LONGEST_TIMEOUT_MS}, got ${typeof timeout === "number" ? timeout : describe(timeout)}`);
  }
  const limit = options.maxBodyBytes ?? schema.defaultMaxBodyBytes;
  if (typeof limit !== 'number' || !(limit >= 0)) throw usage(`option maxBodyBytes must be a whole number, 0 or more, got ${limit}`);
  const report =
    config.onError ??
    ((error) => {
      if (statusFor(error) >= 500) console.error('hubspot-webhooks:', error);
      // diagnose: true: the findings go to the server's log, never to the caller.
      else if (typeof error?.detailedMessage === 'string') console.warn(`hubspot-webhooks: ${error.detailedMessage}`);
    });
  if (typeof report !== 'function') throw usage(`option onError must be a function, got ${describe(report)}`);
  // An onError that throws is logged: it must neither leave a request unanswered nor end the process.
  const onError = (error, request) => {
    try {
      report(error, request);
    } catch (failure) {
      console.error('hubspot-webhooks: onError threw', failure);
    }
  };
  const answerFirst = config.answerFirst ?? false;
  if (typeof answerFirst !== 'boolean') throw usage(`option answerFirst must be true or false, got ${describe(answerFirst)}`);
  return { router, options, onError, secretSource, limit, timeout, answerFirst };
}

const NO_BODY = new Uint8Array(0);

/**
 * A declared Content-Length over `limit`, else undefined: the Node middleware does not read
 * such a body, and the core answers body_too_large at once (a client that declares 200 MB and
 * stalls is not waited for). Lengths of more than 15 digits are left to the reading, which stops
 * at the limit. (workerd resets the connection of an answer sent before the body was read, so
 * the fetch handler reads up to the limit.)
 */
function declaredOver(value, limit) {
  const n = typeof value === 'string' && /^\s*\d{1,15}\s*$/.test(value) ? Number(value) : 0;
  return n > limit ? n : undefined;
}

/** The secret or secrets: `source`, or what the function `source` gives for `env` (a promise too). */
async function resolveSecret(source, env) {
  return typeof source === 'function' ? source(env) : source;
}

/**
 * A body's bytes up to one byte past `limit` (the core then answers body_too_large), copied
 * into one buffer grown by doubling: a client that sends a byte at a time costs its bytes, not
 * an object per chunk.
 */
class Body {
  buffer = new Uint8Array(0);
  size = 0;
  constructor(limit) {
    this.limit = limit;
  }
  /** Adds a chunk; false once past the limit (stop reading). */
  add(chunk) {
    const keep = Math.min(chunk.length, this.limit + 1 - this.size);
    if (this.size + keep > this.buffer.length) {
      const grown = new Uint8Array(Math.min(Math.max(2 * this.buffer.length, this.size + keep, 4096), this.limit + 1));
      grown.set(this.buffer.subarray(0, this.size));
      this.buffer = grown;
    }
    this.buffer.set(chunk.subarray(0, keep), this.size);
    this.size += keep;
    return this.size <= this.limit;
  }
  bytes() {
    return this.buffer.subarray(0, this.size);
  }
}

/**
 * A Fetch request's body, read as a stream: up to one byte past `limit`, for at most
 * `timeout` ms. A client that stops sending or goes away ends the body where it stopped, and
 * the core verifies what arrived (so a cut body is refused by its signature).
 */
async function readFetchBody(request, limit, timeout) {
  const body = new Body(limit);
  const stream = request.body;
  if (stream === null || stream === undefined) return body.bytes();
  // A request-like object ({ method, url, headers, body }, as fixtures.delivery gives) with its bytes.
  if (typeof stream.getReader !== 'function') return body.add(bodyBytes(stream)), body.bytes();
  if (request.bodyUsed === true || stream.locked === true) {
    throw usage('the request body was already read (or is being read): pass the Request to this handler unread, as it reads the raw bytes itself');
  }
  const reader = stream.getReader();
  // A client that stalls: cancelling the stream ends the read in progress (done). One timer,
  // not a race per read, whose reactions would pile up on one promise for every chunk.
  const timer = setTimeout(() => reader.cancel().catch(() => {}), timeout);
  try {
    for (;;) {
      const r = await reader.read();
      if (r.done || !body.add(bodyBytes(r.value))) break;
    }
  } catch {
    // The client went away: verify what arrived.
  } finally {
    clearTimeout(timer);
    reader.cancel().catch(() => {});
  }
  return body.bytes();
}

function fetchResponse(r) {
  return new Response(r.body, { status: r.status, headers: r.headers });
}

/**
 * A fetch handler, `(request, env, ctx) => Promise<Response>`, for Cloudflare Workers
 * (`export default { fetch: createFetchHandler(...) }`) and fetch-style Node servers. It answers
 * 405 to anything but POST, reads the body (see readFetchBody), verifies and parses it, runs the
 * router, then answers 204 (or the core's answer for the error, see statusFor).
 */
export function createFetchHandler(config) {
  const { router, options, onError, secretSource, limit, timeout, answerFirst } = handlerConfig(config);
  return async function fetch(request, env, ctx) {
    // No method: POST, as verifyAndParse takes a request-like without one.
    if ((request.method ?? 'POST') !== 'POST') return fetchResponse(schema.methodNotAllowed);
    let delivery;
    try {
      const body = await readFetchBody(request, limit, timeout);
      delivery = verifyAndParse(request, { ...options, secrets: await resolveSecret(secretSource, env), body });
    } catch (error) {
      onError(error, request);
      return fetchResponse(errorResponse(error));
    }
    const handled = router.receive(delivery, { request, env, ctx });
    if (answerFirst) {
      // Answer now; the Worker keeps running the handlers (ctx.waitUntil), their failures logged.
      const logged = handled.catch((error) => onError(error, request));
      if (ctx && typeof ctx.waitUntil === 'function') ctx.waitUntil(logged);
      return fetchResponse(schema.accepted);
    }
    try {
      await handled;
    } catch (error) {
      onError(error, request);
      return fetchResponse(schema.handlerFailed);
    }
    return fetchResponse(schema.accepted);
  };
}

/** A Node request's body, read as a stream, as readFetchBody; `cut` when it stopped early. */
function readNodeBody(req, limit, timeout) {
  return new Promise((resolve) => {
    const body = new Body(limit);
    let done = false;
    const finish = (cut) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      req.off('data', onData);
      if (cut) req.pause();
      resolve({ bytes: body.bytes(), cut });
    };
    const onData = (chunk) => {
      if (!body.add(bodyBytes(chunk))) finish(true);
    };
    const timer = setTimeout(() => finish(true), timeout);
    req.on('data', onData);
    req.on('end', () => finish(false));
    req.on('error', () => finish(true));
    req.on('close', () => finish(true));
    // Gone before this middleware ran: its 'close' has passed.
    if (req.destroyed) finish(true);
  });
}

/**
 * A Node `http` / Express handler, `(req, res, next?) => void`. It reads the raw body itself
 * (see readNodeBody; or takes `req.body` when express.raw() already read it as a Buffer),
 * verifies and parses it, runs the router and answers 204, or the core's answer for the error.
 * A body that a JSON body parser already parsed is a usage error that says how to fix the setup.
 */
export function createNodeMiddleware(config) {
  const { router, options, onError, secretSource, limit, timeout, answerFirst } = handlerConfig(config);
  const send = (res, r, close) => {
    res.statusCode = r.status;
    for (const [k, v] of r.headers) res.setHeader(k, v);
    // A body left unread: close the connection rather than read the rest.
    if (close) res.setHeader('Connection', 'close');
    res.end(r.body ?? undefined);
  };
  return function hubspotWebhooks(req, res, next) {
    if (req.method !== 'POST') {
      send(res, schema.methodNotAllowed, !req.complete);
      return;
    }
    (async () => {
      let delivery;
      let cut = false;
      let declared;
      try {
        let body = req.body;
        if (!(body instanceof Uint8Array || typeof body === 'string')) {
          if (body !== undefined && body !== null && (req.readableEnded || req.complete)) {
            throw usage(
              'the request body was already parsed by a JSON body parser (req.body is an object), so the raw bytes HubSpot signed are gone. ' +
                'Mount this middleware before express.json(), or use express.raw({ type: "application/json" }) on the webhook route',
            );
          }
          if (req.readableEnded) {
            throw usage(
              'the request body was already read by other code and req.body holds no bytes: mount this middleware before anything that reads the body, or set req.body to the raw bytes (a Buffer)',
            );
          }
          declared = declaredOver(req.headers?.['content-length'], limit);
          if (declared === undefined) ({ bytes: body, cut } = await readNodeBody(req, limit, timeout));
          else [body, cut] = [NO_BODY, true];
        }
        const secrets = await resolveSecret(secretSource, process.env);
        delivery = verifyAndParse(req, { ...options, secrets, body, [DECLARED_LENGTH]: declared });
      } catch (error) {
        onError(error, req);
        if (statusFor(error) >= 500 && typeof next === 'function') next(error);
        else send(res, errorResponse(error), cut);
        return;
      }
      const handled = router.receive(delivery, { req, res });
      if (answerFirst) {
        // Answer now; the handlers keep running in this process, their failures logged.
        send(res, schema.accepted);
        handled.catch((error) => onError(error, req));
        return;
      }
      try {
        await handled;
      } catch (error) {
        onError(error, req);
        if (!res.headersSent) send(res, schema.handlerFailed);
        return;
      }
      if (!res.headersSent) send(res, schema.accepted);
    })().catch((error) => {
      // A failure of the caller's next() or of the response itself: logged, the connection closed.
      console.error('hubspot-webhooks:', error);
      res.destroy();
    });
  };
}
