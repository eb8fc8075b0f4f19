//! C bindings (filled by the ffi issue).
