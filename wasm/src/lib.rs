//! JavaScript bindings (filled by the wasm issue).
