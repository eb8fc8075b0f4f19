// What a platform entry provides before the module is initialised (not part of the package's
// API): the Node entries set `crypto` to node:crypto, whose synchronous SHA-256 and HMAC the
// core then uses (see core.js, hostDigests) for bodies of `hostDigestsFrom` bytes or more (the
// Rust digests are faster below: core.js, digestsFor).
// The entries also register the tools module: `toolsGlue` (its wasm-bindgen JavaScript) and
// `toolsModule()` (its compiled module or bytes), instantiated on first need (core.js, tools).
export const platform = { crypto: undefined, hostDigestsFrom: 512, toolsGlue: undefined, toolsModule: undefined };
