// What a platform entry provides before the module is initialised (not part of the package's
// API): the Node entries set `crypto` to node:crypto, whose synchronous SHA-256 and HMAC the
// core then uses (see core.js, hostDigests).
// `tools` is a function that instantiates the tools module (the core's diagnosis) on first need
// and answers its exports.
export const platform = { crypto: undefined, tools: undefined };
