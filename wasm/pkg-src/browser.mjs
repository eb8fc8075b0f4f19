// Browsers and bundlers: fetched and instantiated with top-level await.
import { init } from './api.js';

await init(new URL('./hubspot_webhooks_wasm_bg.wasm', import.meta.url));

export * from './api.js';
