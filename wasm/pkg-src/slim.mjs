// Manual initialisation: call initSync({ module }) or await init(source) before anything else.
export * from './api.js';
