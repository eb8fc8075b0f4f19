//! Python bindings (filled by the python issue).
