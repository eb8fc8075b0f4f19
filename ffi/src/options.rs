//! The growable input structs `hubspot_options` and `hubspot_fixture_options`: each starts
//! with `size_t struct_size` and only grows at its end. README "ABI" states the rules (which
//! sizes a caller may pass, what an older or a newer caller gets); this module is the only code
//! that applies them.

use std::mem::{offset_of, size_of};

use hubspot_webhooks::Options;

use crate::pointers::out_ref;
use crate::status::{fail, hubspot_status, run, Fail};

/// A `#[repr(C)]` input struct whose first field is `size_t struct_size`.
pub(crate) trait Growable: Copy {
    /// The C name, for messages.
    const NAME: &'static str;
    /// The size of each published layout, oldest first (the last is `size_of::<Self>()`): the
    /// only `struct_size` values a caller can have. Frozen once published.
    const PUBLISHED: &'static [usize];
    /// The defaults, with `struct_size` = the full size.
    fn defaults() -> Self;
}

/// Checks a caller's `struct_size`.
fn check_size<T: Growable>(struct_size: usize) -> Result<(), Fail> {
    let (name, known) = (T::NAME, size_of::<T>());
    let detail = if struct_size > known {
        format!(
            "this library ({}) knows a {known}-byte {name}: the program was built against a newer header than the library it runs with",
            env!("CARGO_PKG_VERSION")
        )
    } else if !T::PUBLISHED.contains(&struct_size) {
        format!(
            "not the size of a published {name} ({:?} bytes): set it with {name}_init(&options, sizeof options)",
            T::PUBLISHED
        )
    } else {
        return Ok(());
    };
    Err(fail!(InvalidArgument, "{name}.struct_size is {struct_size}, {detail}"))
}

/// Writes the first `struct_size` bytes of `value` (at most `size_of::<T>()`) to `ptr` and
/// sets its `struct_size`.
///
/// # Safety
/// `ptr` non-NULL, aligned, with `struct_size` writable bytes.
unsafe fn write_prefix<T: Growable>(ptr: *mut T, value: T, struct_size: usize) {
    let struct_size = struct_size.min(size_of::<T>());
    // SAFETY: per this function's contract; `value` is local, so no overlap. `struct_size` is
    // the first field of every `Growable`.
    unsafe {
        std::ptr::copy_nonoverlapping(std::ptr::from_ref(&value).cast::<u8>(), ptr.cast::<u8>(), struct_size);
        ptr.cast::<usize>().write(struct_size);
    }
}

/// Fills the caller's struct with the defaults (the `*_init` functions).
///
/// # Safety
/// `ptr` NULL or with `struct_size` writable bytes.
pub(crate) unsafe fn init<T: Growable>(ptr: *mut T, struct_size: usize) -> hubspot_status {
    run(|| {
        // SAFETY: NULL or writable, per the contract (only its address is taken here).
        unsafe { out_ref(ptr, "options") }?;
        check_size::<T>(struct_size)?;
        // SAFETY: non-NULL (checked); the caller's struct has `struct_size` writable bytes.
        unsafe { write_prefix(ptr, T::defaults(), struct_size) };
        Ok(())
    })
}

/// The caller's struct (NULL: the defaults); fields its (older) struct lacks keep their defaults.
///
/// # Safety
/// `ptr` must be NULL or point to a `T` of `ptr->struct_size` readable bytes.
pub(crate) unsafe fn read_growable<T: Growable>(ptr: *const T) -> Result<T, Fail> {
    let mut value = T::defaults();
    if ptr.is_null() {
        return Ok(value);
    }
    // SAFETY: non-NULL and aligned per the contract; `struct_size` is the first field.
    let struct_size = unsafe { ptr.cast::<usize>().read() };
    check_size::<T>(struct_size)?;
    // SAFETY: the caller's struct has `struct_size` readable bytes, at most `size_of::<T>()`
    // (checked), so the copy stays inside both; `value` is local.
    unsafe {
        std::ptr::copy_nonoverlapping(
            ptr.cast::<u8>(),
            std::ptr::addr_of_mut!(value).cast::<u8>(),
            struct_size,
        )
    };
    Ok(value)
}

/// What the receiver accepts. Fill it with `hubspot_options_init(&options, sizeof options)`
/// (the defaults), then change fields.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct hubspot_options {
    /// `sizeof(struct hubspot_options)` as the caller compiled it (set by
    /// `hubspot_options_init`): the struct may grow at its end in later versions.
    pub struct_size: usize,
    /// A v3 timestamp older than this is rejected (`timestamp_too_old`). Default 300000.
    pub tolerance_ms: u64,
    /// A v3 timestamp further ahead than this is rejected (`timestamp_in_future`). Default 300000.
    pub max_future_ms: u64,
    /// Reject requests without a v3 signature (`v3_required`). Default false.
    pub require_v3: bool,
    /// Larger bodies are rejected before any hashing or parsing (`body_too_large`). Default 10 MiB.
    pub max_body_bytes: usize,
    /// Partial parsing: keep good events, return bad ones as rejected. Default false (strict).
    pub partial: bool,
    /// Batches with more events are rejected (`invalid_batch`). Default 10000.
    pub max_events: usize,
    /// After a signature or timestamp failure, diagnose the request: the last error's message
    /// then says what was found, and `hubspot_last_error_diagnosis` gives the findings. Advice
    /// only: the verdict is the same. Default false. (Added in 0.2; an older caller's shorter
    /// struct gets false.)
    pub diagnose: bool,
}

impl Growable for hubspot_options {
    const NAME: &'static str = "hubspot_options";
    // ABI 0 as first published (up to `max_events`), then with `diagnose`.
    const PUBLISHED: &'static [usize] = &[
        offset_of!(hubspot_options, max_events) + size_of::<usize>(),
        size_of::<hubspot_options>(),
    ];
    fn defaults() -> Self {
        hubspot_options::from(&Options::default())
    }
}

// `struct_size` is the first field.
const _: () = assert!(offset_of!(hubspot_options, struct_size) == 0);

/// Both conversions between `hubspot_options` and the core's `Options`, from one list of the
/// fields they share (a field the core adds fails to compile here until the C struct has it).
macro_rules! same_fields {
    ($($field:ident),*) => {
        impl From<&Options> for hubspot_options {
            fn from(o: &Options) -> Self {
                hubspot_options { struct_size: size_of::<hubspot_options>(), $($field: o.$field),* }
            }
        }
        impl From<&hubspot_options> for Options {
            fn from(o: &hubspot_options) -> Self {
                Options { $($field: o.$field),* }
            }
        }
    };
}

same_fields!(
    tolerance_ms,
    max_future_ms,
    require_v3,
    max_body_bytes,
    partial,
    max_events,
    diagnose
);

/// Fills `*options` with the defaults (HubSpot's documented behaviour: 5 minutes tolerance,
/// strict parsing) and sets `options->struct_size`. Pass `sizeof *options`:
/// `hubspot_options_init(&options, sizeof options)`.
///
/// `HUBSPOT_STATUS_INVALID_ARGUMENT` when `struct_size` is not the size of a
/// `hubspot_options` this library knows (see `struct_size` in README "ABI").
#[no_mangle]
pub unsafe extern "C" fn hubspot_options_init(options: *mut hubspot_options, struct_size: usize) -> hubspot_status {
    // SAFETY: forwarded from the contract.
    unsafe { init(options, struct_size) }
}

/// The caller's options (NULL: the defaults).
///
/// # Safety
/// As [`read_growable`].
pub(crate) unsafe fn read(options: *const hubspot_options) -> Result<Options, Fail> {
    // SAFETY: forwarded.
    unsafe { read_growable(options) }.map(|o| Options::from(&o))
}

/// Writes `options` into a caller's struct, as much of it as its `struct_size` holds (the
/// caller's may be older and shorter, or newer and longer: then only what this library knows).
///
/// # Safety
/// `ptr` must be NULL, or aligned with its `struct_size` bytes writable.
pub(crate) unsafe fn write(ptr: *mut hubspot_options, options: &Options, what: &str) -> Result<(), Fail> {
    // SAFETY: NULL or valid, per the contract (only checked here).
    unsafe { out_ref(ptr, what) }?;
    // SAFETY: non-NULL; `struct_size` is the first field.
    let struct_size = unsafe { ptr.cast::<usize>().read() };
    let smallest = hubspot_options::PUBLISHED.first().copied().unwrap_or_default();
    if struct_size < smallest {
        return Err(fail!(InvalidArgument, "{what}->struct_size is {struct_size}, below the smallest such struct ({smallest} bytes): initialise it with hubspot_options_init first"));
    }
    // SAFETY: checked above; `write_prefix` writes at most what both sides hold.
    unsafe { write_prefix(ptr, hubspot_options::from(options), struct_size) };
    Ok(())
}
