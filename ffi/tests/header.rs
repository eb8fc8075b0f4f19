//! The drift checks of the generated C surface, in order:
//! 1. `src/field_ids.rs` (the `hubspot_field` enum) is written from the core's `FIELDS`
//!    table: a field added to the core and missing here fails;
//! 2. `include/hubspot_webhooks.h` is what the pinned cbindgen generates from `src/`.
//!
//! Either differing fails with the command that fixes it; with
//! `HUBSPOT_WEBHOOKS_BLESS_HEADER=1` (`make ffi-header`) both are rewritten instead (then commit
//! them, and record the new enum values with `make ffi-abi`).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fmt::Write as _;
use std::path::Path;

use hubspot_webhooks::{FieldKind, FIELDS};

/// Greedy word wrap of a doc comment at 100 columns (the crate's rustfmt width).
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

/// The text of `src/field_ids.rs`: one variant per row of the core's table, numbered by its
/// position, documented from the table.
fn field_ids_rs() -> String {
    let mut out = String::from(
        "// Generated from the core's FIELDS table by tests/header.rs: do not edit. Regenerate with\n\
         // `make ffi-header` after the table changes (then `make ffi-abi`: new fields are appended,\n\
         // an ABI-compatible addition).\n\n\
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
            "{} differs from what {what} generates: run `make ffi-header` (then `make ffi-abi`) and commit the result",
            path.display()
        );
    }
}

#[test]
fn generated_files_match() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    check(
        &dir.join("src/field_ids.rs"),
        field_ids_rs().as_bytes(),
        "the core's FIELDS table",
    );
    let config = cbindgen::Config::from_file(dir.join("cbindgen.toml")).expect("cbindgen.toml");
    let bindings = cbindgen::Builder::new()
        .with_config(config)
        .with_src(dir.join("src/lib.rs"))
        .generate()
        .expect("cbindgen generates the header");
    let mut fresh = Vec::new();
    bindings.write(&mut fresh);
    check(&dir.join("include/hubspot_webhooks.h"), &fresh, "cbindgen (from src/)");
}
