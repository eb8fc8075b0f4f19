// Manual initialisation: call initSync({ module }) or await init(source) before anything else, and
// initToolsSync({ module }) (hubspot_webhooks_tools_bg.wasm) before the tools' functions (router
// patterns, unknownFields, signing, the diagnosis).
import * as tools from './hubspot_webhooks_tools.js';
import { platform } from './platform.js';

platform.toolsGlue = tools;

export * from './api.js';
export { initToolsSync } from './core.js';
