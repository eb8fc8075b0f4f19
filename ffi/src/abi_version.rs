// The ABI number, in one place: src/lib.rs declares this file as a module (cbindgen writes the
// constant into the header) and build.rs `include!`s it for the SONAME. Plain comments only:
// build.rs includes the file's text.

/// The ABI version: the number in the shared library's SONAME (`libhubspot_webhooks_c.so.0`).
/// It changes only when a published function, struct field or enum value changes or goes
/// away; additions (functions, fields appended after `struct_size`, enum values) keep it.
pub const HUBSPOT_ABI_VERSION: u32 = 0;
