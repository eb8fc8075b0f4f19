// What a platform entry provides before the module is initialised (not part of the package's
// API): the Node entries set `crypto` to node:crypto, whose synchronous SHA-256 and HMAC the
// core then uses (see api.js, hostDigests). `digestHost` is the object registered with the
// WebAssembly module, kept here for tests.
export const platform = { crypto: undefined, digestHost: undefined };
