// Types of hubspot-webhooks. IDs are strings of decimal digits (exact beyond 2^53, as HubSpot's
// CRM APIs give them); times and counts are numbers, or bigints beyond 2^53 (see `Int64`).
// Events are plain objects.

/**
 * A JSON value, exact: a number is a `number` when one holds its value exactly (`12500.5`), a
 * `bigint` for an integer beyond (`12345678901234567890123n`), else its JSON text as a string
 * (`"0.10000000000000000001"`). A non-string `propertyValue` and `unknownFields` values are these.
 */
export type JsonValue = string | number | bigint | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** An ID: the exact decimal digits of a 64-bit integer, e.g. "3624100517". */
export type Id = string;

/**
 * A time (Unix milliseconds) or a count, as sent: a `number` up to `Number.MAX_SAFE_INTEGER`
 * (2^53 - 1: every real time and count), a `bigint` beyond it rather than a rounded number.
 * `Number(value)` gives a number either way.
 */
export type Int64 = number | bigint;

/** The classic CRM object types of `contact.*`, `deal.*`, ... (and of `object.*` with a known objectTypeId). */
export type CrmObjectType = 'contact' | 'company' | 'deal' | 'ticket' | 'product' | 'line_item';
/** `objectType`: a CRM object type, `conversation`, or another name/type id as sent. */
export type ObjectType = CrmObjectType | 'conversation' | (string & {});
/** `action`: the part of the subscription type after the dot. */
export type Action =
  | 'creation'
  | 'deletion'
  | 'propertyChange'
  | 'associationChange'
  | 'merge'
  | 'restore'
  | 'privacyDeletion'
  | 'newMessage'
  | (string & {});
export type MessageType = 'MESSAGE' | 'COMMENT' | 'WELCOME_MESSAGE' | (string & {});
export type SignatureVersion = 'v1' | 'v2' | 'v3';

// BEGIN fields from core's table (tests/typed_surfaces.py; `make generate`)
/** The typed fields every event may carry. */
export interface EventFields {
  /** The subscription type, e.g. `contact.propertyChange`. */
  subscriptionType: string;
  /** `eventId` (not guaranteed unique; see `Event::dedup_key`). */
  eventId: Id;
  /** `subscriptionId`: the subscription that produced the event. */
  subscriptionId?: Id;
  /** `portalId`: the HubSpot account. */
  portalId: Id;
  /** `appId`: the app the subscription belongs to. */
  appId: Id;
  /** `occurredAt`: when the event happened, Unix milliseconds. */
  occurredAt: Int64;
  /** `attemptNumber`: which delivery attempt this is, from 0. */
  attemptNumber: number;
  /** `objectId`: the record; for conversations, the thread id. */
  objectId?: Id;
  /** `objectTypeId` of generic `object.*` events, e.g. `"0-1"` or `"2-143967026"`. */
  objectTypeId?: string;
  /** `changeSource`, e.g. `"CRM_UI"`. */
  changeSource?: string;
  /** `sourceId`, e.g. `"userId:882761034"`. */
  sourceId?: string;
  /** `changeFlag`, e.g. `"CREATED"`, `"NEW_MESSAGE"`. */
  changeFlag?: string;
  /** `eventTypeName` (custom event types). */
  eventTypeName?: string;
}
/** The typed fields events carried by `*.propertyChange` may carry. */
export interface PropertyChangeFields {
  /** `propertyName` (property changes). */
  propertyName?: string;
  /** `propertyValue` (property changes), kept as sent. */
  propertyValue?: JsonValue;
  /** `isSensitive` (generic property changes). */
  isSensitive?: boolean;
}
/** The typed fields events carried by `*.merge` may carry. */
export interface MergeFields {
  /** `primaryObjectId` (merges): the record that won. */
  primaryObjectId?: Id;
  /** `mergedObjectIds` (merges): the records merged into it. */
  mergedObjectIds?: Id[];
  /** `newObjectId` (merges). */
  newObjectId?: Id;
  /** `numberOfPropertiesMoved` (merges). */
  numberOfPropertiesMoved?: Int64;
}
/** The typed fields events carried by `*.associationChange` may carry. */
export interface AssociationChangeFields {
  /** `associationType` (association changes), e.g. `"CONTACT_TO_COMPANY"`. */
  associationType?: string;
  /** `fromObjectId` (association changes). */
  fromObjectId?: Id;
  /** `toObjectId` (association changes). */
  toObjectId?: Id;
  /** `associationRemoved`: `true` when removed, `false` when created. */
  associationRemoved?: boolean;
  /** `isPrimaryAssociation` */
  isPrimaryAssociation?: boolean;
  /** `fromObjectTypeId` (generic association changes). */
  fromObjectTypeId?: string;
  /** `toObjectTypeId` (generic association changes). */
  toObjectTypeId?: string;
  /** `associationTypeId` (generic association changes). */
  associationTypeId?: Id;
  /** `associationCategory` (generic association changes), e.g. `"HUBSPOT_DEFINED"`. */
  associationCategory?: string;
}
/** The typed fields events carried by `conversation.newMessage` may carry. */
export interface NewMessageFields {
  /** `messageId` (`conversation.newMessage`). */
  messageId?: string;
  /** `messageType` (`conversation.newMessage`): `MESSAGE`, `COMMENT`, `WELCOME_MESSAGE` or another value as sent. */
  messageType?: MessageType;
}
// END fields from core's table

/** Every event: its typed fields and what the package derives from them. */
export interface EventBase extends EventFields {
  /** Derived: `contact` for both `contact.creation` and `object.creation` with objectTypeId "0-1". */
  objectType: ObjectType;
  /** Derived: `creation`, `propertyChange`, `newMessage`, ... */
  action: Action;
  /** objectTypeId, or HubSpot's id of a classic object type ("0-1" for contact.*). */
  effectiveObjectTypeId?: string;
  /** A key for deduplication: the same for a retry of the same notification (`hs1:...`). */
  dedupKey: string;
  /** The event's JSON text exactly as it stood in the body (unknown fields included). */
  rawJson: string;
}

/** The typed view of a conversation event (`event.conversation`). */
export interface ConversationLifecycleView {
  threadId?: Id;
  change: 'created' | 'deleted' | 'privacyDeleted';
}
export type ConversationPropertyView =
  | { threadId?: Id; change: 'assigneeChanged'; /** absent when unassigned */ assignee?: string }
  | { threadId?: Id; change: 'statusChanged'; status?: 'OPEN' | 'CLOSED' | (string & {}) }
  | { threadId?: Id; change: 'archivedChanged'; archived?: boolean }
  | { threadId?: Id; change: 'propertyChanged'; propertyName?: string; propertyValue?: string };
export interface ConversationNewMessageView {
  threadId?: Id;
  change: 'newMessage';
  messageId?: string;
  messageType?: MessageType;
}
export type ConversationView =
  | ConversationLifecycleView
  | ConversationPropertyView
  | ConversationNewMessageView
  | { threadId?: Id; change: 'other' };

type CrmLifecycle = 'creation' | 'deletion' | 'restore' | 'privacyDeletion';

/** `contact.creation`, `deal.deletion`, `object.restore`, ... */
export interface CrmLifecycleEvent extends EventBase {
  subscriptionType: `${CrmObjectType | 'object'}.${CrmLifecycle}`;
}
/** `contact.propertyChange`, `object.propertyChange`, ... */
export interface CrmPropertyChangeEvent extends EventBase, PropertyChangeFields {
  subscriptionType: `${CrmObjectType | 'object'}.propertyChange`;
}
/** `contact.associationChange`, `object.associationChange`, ... */
export interface CrmAssociationChangeEvent extends EventBase, AssociationChangeFields {
  subscriptionType: `${CrmObjectType | 'object'}.associationChange`;
}
/** `contact.merge`, `object.merge`, ... */
export interface CrmMergeEvent extends EventBase, MergeFields {
  subscriptionType: `${CrmObjectType | 'object'}.merge`;
}
/** `conversation.creation`, `conversation.deletion`, `conversation.privacyDeletion`. */
export interface ConversationLifecycleEvent extends EventBase {
  subscriptionType: 'conversation.creation' | 'conversation.deletion' | 'conversation.privacyDeletion';
  objectType: 'conversation';
  conversation: ConversationLifecycleView;
}
/** `conversation.propertyChange` (assignedTo, status, isArchived, ...). */
export interface ConversationPropertyChangeEvent extends EventBase, PropertyChangeFields {
  subscriptionType: 'conversation.propertyChange';
  objectType: 'conversation';
  action: 'propertyChange';
  conversation: ConversationPropertyView;
}
/** `conversation.newMessage`. */
export interface ConversationNewMessageEvent extends EventBase, NewMessageFields {
  subscriptionType: 'conversation.newMessage';
  objectType: 'conversation';
  action: 'newMessage';
  conversation: ConversationNewMessageView;
}
/** Any other subscription type (kept, never an error); every optional field may be there. */
export interface OtherEvent
  extends EventBase,
    PropertyChangeFields,
    AssociationChangeFields,
    MergeFields,
    NewMessageFields {
  conversation?: ConversationView;
}

/** One event. Narrow on `subscriptionType` (or `objectType` / `action`). */
export type WebhookEvent =
  | CrmLifecycleEvent
  | CrmPropertyChangeEvent
  | CrmAssociationChangeEvent
  | CrmMergeEvent
  | ConversationLifecycleEvent
  | ConversationPropertyChangeEvent
  | ConversationNewMessageEvent
  | OtherEvent;

export type ErrorCode =
  | 'missing_signature'
  | 'unsupported_signature_version'
  | 'v3_required'
  | 'missing_timestamp'
  | 'invalid_timestamp'
  | 'timestamp_too_old'
  | 'timestamp_in_future'
  | 'malformed_signature'
  | 'signature_mismatch'
  | 'body_too_large'
  | 'invalid_json'
  | 'invalid_batch'
  | 'invalid_event'
  | 'invalid_argument';
export type ErrorFamily = 'signature' | 'payload' | 'usage';

/**
 * Every error thrown by this package. Every mistake in what the caller passes (a missing or
 * wrongly typed request, body, header, secret or option) is a `HubSpotUsageError` (code
 * `invalid_argument`) whose message names the argument, never a `TypeError`; exceptions thrown by
 * the caller's own objects pass through unchanged.
 */
export class HubSpotWebhookError extends Error {
  readonly code: ErrorCode;
  readonly family: ErrorFamily;
  /** The HTTP status the core's policy gives this error (401, 413, 400, 500). */
  readonly status?: number;
  /** For event errors: the index of the event in the batch. */
  readonly index?: number;
  /** For event errors: the field (HubSpot's JSON name) at fault. */
  readonly field?: string;
  /** With `diagnose: true`, after a signature or timestamp failure: the core's findings (for logs; never sent to the caller). */
  readonly diagnosis?: Diagnosis;
  /** With `diagnose: true`: the message followed by the findings (for logs). */
  readonly detailedMessage?: string;
}
/** What the core's diagnosis found (the tools module, loaded on first need). */
export interface Diagnosis {
  findings: { code: string; message: string; confirmed: boolean }[];
  /** How many digests the search computed. */
  digests: number;
}
/** Missing, malformed or wrong signature; stale or future timestamp. */
export class HubSpotSignatureError extends HubSpotWebhookError {}
/** Body too large, not JSON, not a batch, a bad event. */
export class HubSpotPayloadError extends HubSpotWebhookError {}
/** The caller's mistake (code `invalid_argument`): no secret, a parsed body, a bad option. */
export class HubSpotUsageError extends HubSpotWebhookError {}

/** An event that partial parsing could not type. */
export interface RejectedEvent {
  index: number;
  error: HubSpotPayloadError;
  rawJson: string;
}

/** The raw body as received. */
export type Body = string | Uint8Array | ArrayBuffer | ArrayBufferView;

/** Header containers: Fetch `Headers`, Node's `IncomingHttpHeaders`, a Map or pairs. A number value is taken as its text. */
export type HeadersLike =
  | { forEach(callback: (value: string, name: string) => void): void; get(name: string): string | null }
  | Record<string, string | number | readonly (string | number)[] | undefined>
  | Iterable<readonly [string, string | number]>;

/** A Fetch `Request`-like or Node `IncomingMessage`-like request. */
export interface RequestLike {
  method?: string;
  /** The full URL, or (Node) the path, completed from the Host header. */
  url?: string | URL;
  originalUrl?: string;
  headers?: HeadersLike;
  /** The raw body (or pass `body` in the options). */
  body?: Body | unknown;
  socket?: { encrypted?: boolean };
}

export interface ParseOptions {
  /** Keep good events and return bad ones in `rejected` (default false: fail on the first). */
  partial?: boolean;
  /** Default 10 MiB. */
  maxBodyBytes?: number;
  /** Default 10 000. */
  maxEvents?: number;
}

export interface VerifyOptions extends ParseOptions {
  /** Your app's client secret. */
  secret?: string;
  /** Several client secrets (rotation), tried in order. */
  secrets?: string[];
  /** The receiver's clock, Unix ms (number or bigint) or a Date. Default Date.now(). */
  now?: number | bigint | Date;
  /** Default 300 000 ms. */
  toleranceMs?: number;
  /** Default 300 000 ms. */
  maxFutureMs?: number;
  /** Reject requests without a v3 signature. */
  requireV3?: boolean;
  /** After a signature failure, attach the core's diagnosis to the error (for logs). */
  diagnose?: boolean;
  /** The public URL HubSpot called (behind proxies / TLS offload), or a function of the request giving it (undefined: the request's own). */
  url?: string | URL | ((request: any) => string | URL | undefined);
  /** Take the scheme and host from X-Forwarded-Proto / X-Forwarded-Host (Node and Fetch requests). Default false. */
  trustProxy?: boolean;
  /** The raw body, when it is not `request.body`. */
  body?: Body;
}

export interface Verified {
  version: SignatureVersion;
  secretIndex: number;
}

export interface Batch {
  /** "batch": a Webhooks API delivery; "channel": one Custom Channels event (the body decides). */
  kind: 'batch' | 'channel';
  /** The batch's events; empty for a Custom Channels delivery. */
  events: WebhookEvent[];
  rejected: RejectedEvent[];
  /** The Custom Channels event (kind "channel"; undefined when partial parsing rejected it). */
  channelEvent?: ChannelEvent;
}

export interface Delivery extends Verified, Batch {}

// Custom Channels (the core's serialised form; types.test.mjs checks the events' table above this line).

/** `{type, value}` of a Custom Channels participant or channel account (`type` null for a bare string). */
export interface DeliveryIdentifier {
  type: string | null;
  value: string;
}

export interface ChannelParticipant {
  actorId: string | null;
  name: string | null;
  deliveryIdentifier: DeliveryIdentifier | null;
}

export interface ChannelAttachment {
  type: string | null;
  fileId: string | null;
  fileUsageType: string | null;
  name: string | null;
  url: string | null;
  /** The attachment's JSON exactly as sent. */
  rawJson: string;
}

export interface ChannelMessage {
  id: string | null;
  type: string | null;
  channelId: string | null;
  channelAccountId: string | null;
  conversationsThreadId: string | null;
  createdAt: string | null;
  /** `createdAt` as Unix ms (null when not RFC 3339). */
  createdAtMs: number | null;
  createdBy: string | null;
  senders: ChannelParticipant[] | null;
  recipients: ChannelParticipant[] | null;
  text: string | null;
  richText: string | null;
  direction: string | null;
  inReplyToId: string | null;
  truncationStatus: string | null;
  status: { statusType: string; failureDetailsJson: string | null } | null;
  attachments: ChannelAttachment[] | null;
}

/** One Custom Channels event, as the core serialises it: IDs as text, times as text plus Unix ms. */
export interface ChannelEvent {
  type: 'OUTGOING_CHANNEL_MESSAGE_CREATED' | 'CHANNEL_ACCOUNT_CREATED' | 'CHANNEL_ACCOUNT_UPDATED' | 'CHANNEL_ACCOUNT_PURGED' | (string & {});
  portalId: string;
  channelId: string;
  eventTimestamp: string | null;
  eventTimestampMs: number | null;
  eventId: string | null;
  channelIntegrationThreadIds: string[] | null;
  channelAccountId: string | null;
  channelAccountDeliveryIdentifier: DeliveryIdentifier | null;
  message: ChannelMessage | null;
  /** `hscc1:` portalId, channelId, type, message or channel account id, eventTimestamp. */
  dedupKey: string;
  /** The event's JSON exactly as sent. */
  rawJson: string;
}

/** A typed field of the core's table. */
export interface EventFieldInfo {
  json: string;
  name: string;
  kind: 'text' | 'int' | 'bool' | 'int_list' | 'value' | 'enum';
  kindCode: number;
  required: boolean;
  aliasOf: string | null;
  carriedBy: string;
  /** An ID: given as a string of its digits. */
  id: boolean;
  doc: string;
}
/** The core's table of typed fields. */
export function eventFields(): EventFieldInfo[];
/** The members of an event's original JSON that the core does not type, each exact (see JsonValue). */
export function unknownFields(event: { rawJson: string }): { [name: string]: JsonValue };

export function verify(request: RequestLike, options: VerifyOptions): Verified;
export function verifyAndParse(request: RequestLike, options: VerifyOptions): Delivery;
export function parseBatch(body: Body, options?: ParseOptions): Batch;

export function signV1(secret: string, body: Body): string;
export function signV2(secret: string, method: string, url: string, body: Body): string;
export function signV3(secret: string, method: string, url: string, body: Body, timestamp: string | number | bigint): string;
export interface SignedHeaders {
  'Content-Type': string;
  'X-HubSpot-Signature': string;
  'X-HubSpot-Signature-Version': string;
  'X-HubSpot-Signature-v3': string;
  'X-HubSpot-Request-Timestamp': string;
}
export function signedHeaders(args: {
  secret: string;
  url: string;
  body: Body;
  method?: string;
  timestamp?: number | bigint | Date;
}): SignedHeaders;

export interface ErrorCodeInfo {
  code: ErrorCode;
  family: ErrorFamily;
  number: number;
  /** The HTTP status the core's policy gives it. */
  status: number;
  description: string;
}
export function errorCodes(): ErrorCodeInfo[];

/** Narrows an event by route pattern: a subscription type gives its event type. */
export type EventFor<P extends string> = [Extract<WebhookEvent, { subscriptionType: P }>] extends [never]
  ? WebhookEvent
  : Extract<WebhookEvent, { subscriptionType: P }>;

export interface HandlerContext {
  delivery: Delivery;
  /** Fetch handler: the request, the Workers env and execution context. */
  request?: Request;
  env?: unknown;
  ctx?: unknown;
  /** Node middleware: the request and response. */
  req?: unknown;
  res?: unknown;
}
export type Handler<E extends WebhookEvent | ChannelEvent = WebhookEvent> = (event: E, context: HandlerContext) => void | Promise<void>;

export type RoutePattern =
  | WebhookEvent['subscriptionType']
  | `${ObjectType}.${Action}`
  | `${ObjectType}.*`
  | `*.${Action}`
  | ChannelEvent['type']
  | '*';

export class WebhookRouter {
  on<P extends RoutePattern>(pattern: P, handler: Handler<EventFor<P>>): this;
  onAny(handler: Handler): this;
  on(pattern: ChannelEvent['type'], handler: Handler<ChannelEvent>): this;
  handlersFor(event: WebhookEvent | ChannelEvent): Handler<any>[];
  /** Runs every matching handler of a verified delivery; failures are thrown together as one AggregateError. */
  receive(delivery: Batch, context?: Partial<HandlerContext>): Promise<void>;
  /** The same as receive. */
  dispatch(delivery: Batch, context?: Partial<HandlerContext>): Promise<void>;
}
export function createRouter(): WebhookRouter;

/** The core's HTTP status for an error: 401 signature, 413 body_too_large, 400 other payload, 500 usage or other. */
export function statusFor(error: unknown): number;

export interface HandlerConfig<Env = unknown> extends Omit<VerifyOptions, 'secret' | 'secrets' | 'body'> {
  /** A client secret, or (Workers) a function of `env` (its promise too); the Node middleware passes process.env. */
  secret?: string | ((env: Env) => string | string[] | Promise<string | string[]>);
  secrets?: string[] | ((env: Env) => string | string[] | Promise<string | string[]>);
  router?: WebhookRouter;
  /** Handlers by route pattern, added to the router. */
  on?: { [pattern: string]: Handler };
  /** How long a client may take to send the body (default 10 000 ms, at most 2^31 - 1); then what arrived is verified. */
  bodyTimeoutMs?: number;
  /**
   * Answer 204 as soon as the delivery is verified, then run the handlers (Workers: kept alive
   * with ctx.waitUntil; Node: in the process); their failures go to onError, and HubSpot does
   * not retry. Default false: the handlers finish before the answer, and a failure answers 500.
   */
  answerFirst?: boolean;
  /** Called with every error (default: console.error for 5xx; with `diagnose: true`, console.warn of the error's detailedMessage). */
  onError?: (error: unknown, request: unknown) => void;
}

export function createFetchHandler<Env = unknown>(
  config: HandlerConfig<Env>,
): (request: Request | { method?: string; url: string; headers?: unknown; body?: Body | null }, env?: Env, ctx?: unknown) => Promise<Response>;

export function createNodeMiddleware(
  config: HandlerConfig<Record<string, string | undefined>>,
): (req: any, res: any, next?: (error?: unknown) => void) => void;

/** No-ops in the default entries; used by hubspot-webhooks/slim. */
export function initSync(module: WebAssembly.Module | BufferSource | { module: WebAssembly.Module | BufferSource }): void;
export function init(source?: unknown): Promise<void>;

/** The core's diagnosis of a request (see README, "When the signature does not match"). */
export interface RequestDiagnosis extends Diagnosis {
  verdict: { version: SignatureVersion; secretIndex: number } | { error: ErrorCode };
}
export function diagnose(request: RequestLike, options: VerifyOptions): RequestDiagnosis;

export interface FixtureOptions {
  secret: string;
  /** Default Date.now(). */
  nowMs?: number | bigint | Date;
  url?: string;
  signature?: 'hubspot' | 'v1' | 'v2' | 'v3' | 'none';
  badSignature?: boolean;
  eventsPerType?: number;
  attemptNumber?: number;
  duplicate?: boolean;
  outOfOrder?: boolean;
  timestampOffsetMs?: number | bigint;
  seed?: number | bigint;
  portalId?: number | bigint;
  appId?: number | bigint;
}
export interface Fixture {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}
/** Signed sample deliveries from the core's fixtures (the tools module). */
export const fixtures: {
  delivery(types: string | string[], options: FixtureOptions): Fixture;
  types(): string[];
};
