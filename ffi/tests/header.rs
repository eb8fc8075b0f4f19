//! The header drift check: regenerates `include/hubspot_webhooks.h` with the pinned cbindgen
//! and fails when the committed file differs. With `HUBSPOT_WEBHOOKS_BLESS_HEADER=1` it writes
//! the fresh header instead (then commit it).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;

#[test]
fn header_matches_cbindgen() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let config = cbindgen::Config::from_file(dir.join("cbindgen.toml")).expect("cbindgen.toml");
    let bindings = cbindgen::Builder::new()
        .with_config(config)
        .with_src(dir.join("src/lib.rs"))
        .generate()
        .expect("cbindgen generates the header");
    let mut fresh = Vec::new();
    bindings.write(&mut fresh);
    let path = dir.join("include/hubspot_webhooks.h");
    if std::env::var_os("HUBSPOT_WEBHOOKS_BLESS_HEADER").is_some() {
        std::fs::write(&path, &fresh).unwrap();
        return;
    }
    let committed = std::fs::read(&path).unwrap_or_default();
    if committed != fresh {
        panic!(
            "{} differs from what cbindgen generates from src/: run `make ffi-header` and commit the result",
            path.display()
        );
    }
}
