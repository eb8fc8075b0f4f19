// Routes events to handlers by the core's subscription patterns (check_pattern with its typo
// suggestions, in the tools module; pattern_matches and channel_pattern_matches): "*", a
// subscription type, "objectType.action" with * for either part, or a Custom Channels type.
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

  /**
   * The handlers that match `event` (an event of a batch, or a Custom Channels event), in the
   * order they were added: the core's pattern_matches, or for a Custom Channels event
   * channel_pattern_matches (`*` or its exact `type`).
   */
  handlersFor(event) {
    if (event === null || typeof event !== 'object' || typeof event.rawJson !== 'string') {
      throw usage(`handlersFor takes an event of a delivery (with its rawJson), got ${describe(event)}`);
    }
    if (this.#handlers.length === 0) return [];
    const channel = typeof event.subscriptionType !== 'string' && typeof event.dedupKey === 'string' && typeof event.type === 'string';
    const matches = (channel ? wasm.matchChannelPatterns : wasm.matchPatterns)(this.#joined, event.rawJson);
    return this.#handlers.filter((_, i) => matches[i] === 1);
  }

  /**
   * Runs the matching handlers of every event of an already verified delivery (the result of
   * verifyAndParse or parseBatch: its batch events, or its Custom Channels event), in order, one
   * at a time, each as `handler(event, { ...context, delivery })`. Every handler runs even when
   * one fails; the failures are thrown together as one AggregateError (the HTTP helpers then
   * answer the core's handler_failed, 500, and HubSpot retries the whole delivery).
   */
  async receive(delivery, context = {}) {
    if (delivery === null || typeof delivery !== 'object' || !Array.isArray(delivery.events)) {
      throw usage(`receive takes the result of verifyAndParse or parseBatch ({ kind, events, channelEvent }), got ${describe(delivery)}`);
    }
    const events = delivery.channelEvent !== undefined ? [delivery.channelEvent] : delivery.events;
    const failures = [];
    for (const event of events) {
      for (const handler of this.handlersFor(event)) {
        try {
          await handler(event, { ...context, delivery });
        } catch (error) {
          failures.push(error);
        }
      }
    }
    if (failures.length > 0) {
      throw new AggregateError(failures, `hubspot-webhooks: ${failures.length} handler${failures.length === 1 ? '' : 's'} failed`);
    }
  }

  /** The same as receive (the name of earlier versions). */
  dispatch(delivery, context = {}) {
    return this.receive(delivery, context);
  }
}

export function createRouter() {
  return new WebhookRouter();
}
