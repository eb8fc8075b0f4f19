//! The drift checks of the generated C surface, in order:
//! 1. `src/tables.rs` (the `hubspot_status` and `hubspot_field` enums) is written from the
//!    core's `ErrorCode::ALL` and `FIELDS` tables: an error code or a field added to the core
//!    and missing here fails;
//! 2. `include/hubspot_webhooks.h` is what the pinned cbindgen generates from `src/`.
//!
//! Either differing fails with the command that fixes it; with
//! `HUBSPOT_WEBHOOKS_BLESS_HEADER=1` (`make ffi-header`) both are rewritten instead (then commit
//! them, and record the new enum values with `make ffi-abi`).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fmt::Write as _;
use std::path::Path;

use hubspot_webhooks::{ErrorCode, FieldKind, FIELDS};
use hubspot_webhooks_c::status::OWN_STATUSES;

/// Greedy word wrap of a doc comment at 100 columns (as the hand-written doc comments are, and
/// cbindgen's `line_length`; code is formatted at rustfmt's 120).
fn doc_lines(out: &mut String, indent: &str, text: &str) {
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && indent.len() + 4 + line.len() + 1 + word.len() > 100 {
            writeln!(out, "{indent}/// {line}").unwrap();
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    writeln!(out, "{indent}/// {line}").unwrap();
}

/// The text of `src/tables.rs`: the C enums the core's tables define, and the mapping from a
/// core error code to its status.
fn tables_rs() -> String {
    let mut out = String::from(
        "// Generated from the core's tables (ErrorCode::ALL, FIELDS) and this library's own statuses\n\
         // (status.rs) by tests/header.rs: do not edit. Regenerate with `make ffi-header` after a\n\
         // table changes, then record the new enum values with `make ffi-abi` (values are only ever\n\
         // appended: an ABI-compatible addition).\n\n\
         use hubspot_webhooks::ErrorCode;\n\n\
         /// The result of every fallible function.\n\
         ///\n\
         /// `HUBSPOT_STATUS_OK` is 0. Values 1..99 are this C library's own (NULL argument, panic, buffer\n\
         /// too small, index out of range). Values from 101 up are the core's stable error numbers, one\n\
         /// per error code of the conformance format; `hubspot_status_family_of` says which kind\n\
         /// (signature, payload, usage) and `hubspot_status_http_status` what to answer. Numbers are\n\
         /// never reused. `hubspot_status_code` gives the snake_case code.\n\
         #[repr(u32)]\n\
         #[derive(Clone, Copy, Debug, PartialEq, Eq)]\n\
         pub enum hubspot_status {\n",
    );
    for own in &OWN_STATUSES {
        doc_lines(&mut out, "    ", own.doc);
        writeln!(out, "    {} = {},", own.name, own.number).unwrap();
    }
    for code in ErrorCode::ALL {
        doc_lines(&mut out, "    ", &format!("`{code}`: {}.", code.description()));
        writeln!(out, "    {code:?} = {},", code.number()).unwrap();
    }
    out.push_str(
        "}\n\n\
         /// The status of a core error code (the same number).\n\
         pub(crate) fn status_of(code: ErrorCode) -> hubspot_status {\n\
         \x20   match code {\n",
    );
    for code in ErrorCode::ALL {
        writeln!(out, "        ErrorCode::{code:?} => hubspot_status::{code:?},").unwrap();
    }
    out.push_str(
        "        // A code a newer core adds before this file is regenerated (the drift test fails\n\
         \x20       // then); the message still carries the core's code.\n\
         \x20       _ => hubspot_status::InvalidArgument,\n\
         \x20   }\n\
         }\n\n\
         /// A typed event field, by HubSpot's JSON name: the value of each constant is the field's\n\
         /// position in the core's `FIELDS` table (new fields are appended). `hubspot_field_name`\n\
         /// gives the JSON name and `hubspot_field_kind_of` which accessor reads it.\n\
         #[repr(u32)]\n\
         #[derive(Clone, Copy, Debug, PartialEq, Eq)]\n\
         pub enum hubspot_field {\n",
    );
    for (n, spec) in FIELDS.iter().enumerate() {
        let accessor = match spec.kind {
            FieldKind::Int => "hubspot_event_i64",
            FieldKind::Bool => "hubspot_event_bool",
            FieldKind::IntList => "hubspot_event_merged_object_ids",
            FieldKind::Value => "hubspot_event_str, or hubspot_event_property_value",
            _ => "hubspot_event_str",
        };
        // The table's doc, without rustdoc's link brackets (the names are the core's), named
        // by its JSON key when it does not start with it.
        let doc = spec.doc.trim().replace("[`", "`").replace("`]", "`");
        let named = format!("`{}`", spec.json);
        let doc = if doc.starts_with(&named) {
            doc
        } else {
            format!("{named}: {doc}")
        };
        doc_lines(&mut out, "    ", &format!("{doc} Read with {accessor}."));
        writeln!(out, "    {:?} = {n},", spec.id).unwrap();
    }
    out.push_str("}\n");
    out
}

/// Compares `fresh` with the committed file, or writes it when blessing.
fn check(path: &Path, fresh: &[u8], what: &str) {
    if std::env::var_os("HUBSPOT_WEBHOOKS_BLESS_HEADER").is_some() {
        std::fs::write(path, fresh).unwrap();
        return;
    }
    let committed = std::fs::read(path).unwrap_or_default();
    if committed != fresh {
        panic!(
            "{} differs from what is generated from {what}: run `make ffi-header` (then `make ffi-abi`) and commit the result",
            path.display()
        );
    }
}

#[test]
fn generated_files_match() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    check(&dir.join("src/tables.rs"), tables_rs().as_bytes(), "the core's tables");
    let config = cbindgen::Config::from_file(dir.join("cbindgen.toml")).expect("cbindgen.toml");
    // The library's version, from the crate's (one version everywhere: tests/check_versions.py).
    let version = format!(
        "\n#define HUBSPOT_WEBHOOKS_VERSION \"{}\"\n#define HUBSPOT_WEBHOOKS_VERSION_MAJOR {}\n\
         #define HUBSPOT_WEBHOOKS_VERSION_MINOR {}\n#define HUBSPOT_WEBHOOKS_VERSION_PATCH {}\n",
        env!("CARGO_PKG_VERSION"),
        env!("CARGO_PKG_VERSION_MAJOR"),
        env!("CARGO_PKG_VERSION_MINOR"),
        env!("CARGO_PKG_VERSION_PATCH")
    );
    let bindings = cbindgen::Builder::new()
        .with_config(config)
        .with_after_include(version)
        .with_src(dir.join("src/lib.rs"))
        .generate()
        .expect("cbindgen generates the header");
    let mut fresh = Vec::new();
    bindings.write(&mut fresh);
    check(&dir.join("include/hubspot_webhooks.h"), &fresh, "cbindgen (from src/)");
}
