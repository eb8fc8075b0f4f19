// Routes events to handlers by the core's subscription patterns (check_pattern and
// pattern_matches): "*", a subscription type, or "objectType.action" with * for either part.
import { wasm } from './core.js';
import { requireReady, throwAnswer, tools, usage } from './errors.js';
import { describe } from './arguments.js';

/**
 * Routes events to handlers. `on('conversation.newMessage', h)` matches the subscription type
 * or the object type and action (so `on('contact.creation', h)` also gets generic
 * `object.creation` events of contacts); `*` matches any part; `on('*', h)` catches all.
 */
export class WebhookRouter {
  #patterns = [];
  #handlers = [];
  #joined = '';

  on(pattern, handler) {
    requireReady();
    const name = typeof pattern === 'string' ? JSON.stringify(pattern) : describe(pattern);
    if (typeof handler !== 'function') throw usage(`the handler for ${name} must be a function`);
    if (typeof pattern !== 'string') throw usage(`a route is a string such as "contact.*", not ${name}`);
    const problem = tools().checkPattern(pattern);
    if (problem !== '') throwAnswer(problem);
    this.#patterns.push(pattern);
    this.#handlers.push(handler);
    this.#joined = this.#patterns.join('\n');
    return this;
  }

  /** A handler for every event (the catch-all). */
  onAny(handler) {
    return this.on('*', handler);
  }

  /** The handlers that match `event` (an event of verifyAndParse or parseBatch), in the order they were added. */
  handlersFor(event) {
    if (event === null || typeof event !== 'object' || typeof event.rawJson !== 'string') {
      throw usage(`handlersFor takes an event of verifyAndParse or parseBatch (with its rawJson), got ${describe(event)}`);
    }
    if (this.#handlers.length === 0) return [];
    const matches = wasm.matchPatterns(this.#joined, event.rawJson);
    return this.#handlers.filter((_, i) => matches[i] === 1);
  }

  /** Runs the matching handlers of every event of a delivery, in order, one at a time. */
  async dispatch(delivery, context = {}) {
    if (delivery === null || typeof delivery !== 'object' || !Array.isArray(delivery.events)) {
      throw usage(`dispatch takes the result of verifyAndParse or parseBatch ({ events }), got ${describe(delivery)}`);
    }
    for (const event of delivery.events) {
      for (const handler of this.handlersFor(event)) await handler(event, { ...context, delivery });
    }
  }
}

export function createRouter() {
  return new WebhookRouter();
}
