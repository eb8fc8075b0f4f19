//! Gives the shared library its SONAME, `libhubspot_webhooks_c.so.<ABI>`, so programs record
//! the ABI they were linked against (`DT_NEEDED`) and a library with another ABI number is
//! never loaded in its place. `<ABI>` is `HUBSPOT_ABI_VERSION`, read from src/abi_version.rs,
//! the one place it is written. ELF platforms only; elsewhere the linker's default applies.

include!("src/abi_version.rs");

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=src/abi_version.rs");
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let family = std::env::var("CARGO_CFG_TARGET_FAMILY").unwrap_or_default();
    let elf = family.split(',').any(|f| f == "unix") && !matches!(os.as_str(), "macos" | "ios" | "tvos" | "watchos");
    if elf {
        println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,libhubspot_webhooks_c.so.{HUBSPOT_ABI_VERSION}");
    }
}
