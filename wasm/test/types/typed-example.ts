// Type-checked by `tsc --noEmit` (test/types.test.mjs): the .d.ts must make this compile, and
// the @ts-expect-error lines must be errors.
import {
  createFetchHandler,
  createRouter,
  HubSpotPayloadError,
  HubSpotSignatureError,
  HubSpotWebhookError,
  parseBatch,
  signedHeaders,
  verifyAndParse,
  type ErrorCode,
  type WebhookEvent,
} from 'hubspot-webhooks';
import { initSync } from 'hubspot-webhooks/slim';

declare const request: Request;
const body = await request.arrayBuffer();
const delivery = verifyAndParse(request, { secret: 'x', body, now: Date.now(), requireV3: true });
const version: 'v1' | 'v2' | 'v3' = delivery.version;
const index: number = delivery.secretIndex;

for (const e of delivery.events) {
  const id: string = e.eventId;
  // A number for every real time; a bigint only beyond 2^53, so the type says both.
  const when: number | bigint = e.occurredAt;
  const date = new Date(Number(e.occurredAt));
  // @ts-expect-error occurredAt may be a bigint (beyond 2^53)
  const onlyNumber: number = e.occurredAt;
  const attempt: number = e.attemptNumber;
  const key: string = e.dedupKey;
  const raw: string = e.rawJson;
  if (e.subscriptionType === 'conversation.newMessage') {
    const t: 'MESSAGE' | 'COMMENT' | 'WELCOME_MESSAGE' | (string & {}) | undefined = e.messageType;
    const thread: string | undefined = e.objectId;
    const conversation = e.conversation;
    if (conversation?.change === 'newMessage') {
      const m: string | undefined = conversation.messageId;
    }
  }
  if (e.subscriptionType === 'contact.propertyChange') {
    const name: string | undefined = e.propertyName;
    const value = e.propertyValue;
  }
  if (e.subscriptionType === 'deal.merge') {
    const merged: string[] | undefined = e.mergedObjectIds;
    const moved: number | bigint | undefined = e.numberOfPropertiesMoved;
  }
  if (e.subscriptionType === 'contact.creation') {
    // @ts-expect-error a contact.creation event has no messageType
    e.messageType;
  }
  // @ts-expect-error IDs are strings, not numbers
  const wrong: number = e.objectId;
}

const router = createRouter()
  .on('conversation.newMessage', (e) => {
    const id: string | undefined = e.messageId;
    const thread: string | undefined = e.conversation.threadId;
  })
  .on('contact.creation', (e, ctx) => {
    const n: number = ctx.delivery.events.length;
  })
  .on('contact.*', (e: WebhookEvent) => {})
  .onAny(async (e) => {});

export default { fetch: createFetchHandler<{ SECRET: string }>({ router, secret: (env) => env.SECRET }) };

try {
  parseBatch('[]', { partial: true }).rejected.forEach((r) => r.error.code);
} catch (err) {
  if (err instanceof HubSpotSignatureError) {
    const code: ErrorCode = err.code;
  } else if (err instanceof HubSpotPayloadError && err.index !== undefined) {
    const field: string | undefined = err.field;
  } else if (err instanceof HubSpotWebhookError) {
    const family: 'signature' | 'payload' | 'usage' = err.family;
  }
}

const headers = signedHeaders({ secret: 's', url: 'https://x/', body: '[]' });
const v3: string = headers['X-HubSpot-Signature-v3'];
initSync(new Uint8Array());
