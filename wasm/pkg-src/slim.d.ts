export * from './index.js';
/** Registers the tools module (hubspot_webhooks_tools_bg.wasm: its bytes or compiled module), instantiated on first need by router patterns, unknownFields, signing and the diagnosis. */
export function initToolsSync(input: { module: BufferSource | WebAssembly.Module } | BufferSource | WebAssembly.Module): void;
