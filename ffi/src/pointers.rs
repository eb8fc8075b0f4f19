//! Every conversion of a C pointer, in one place: `(ptr, len)` inputs, out-parameters, text
//! buffers, borrowed text views, and the handles C owns (`Handle`: the only code that moves
//! boxes across the boundary).
//!
//! The macros decode an export's own arguments inside `status::run`, failing with `?` and
//! naming the argument: `input!(ptr, len)`, `out!(ptr)`, `handle!(ptr)`, `text!(..)`; and
//! `peek!` / `free!` are the whole body of a count accessor / a `*_free`. Their `unsafe` rests
//! on the crate's contract (lib.rs), which covers exactly an export's arguments: use them for
//! nothing else.

use std::ffi::c_char;
use std::fmt::Display;
use std::mem::MaybeUninit;

use crate::status::{fail, Fail};

/// An export's `(ptr, len)` argument as a slice ([`slice`]), named `ptr` (or `what`).
macro_rules! input {
    ($ptr:ident, $len:expr) => {
        $crate::pointers::input!($ptr, $len, stringify!($ptr))
    };
    ($ptr:expr, $len:expr, $what:expr) => {
        // SAFETY: an export's input: NULL or `len` readable items, per the crate's contract.
        unsafe { $crate::pointers::slice($ptr, $len, $what) }?
    };
}

/// An export's out-parameter, ready to be written ([`out_ref`]).
macro_rules! out {
    ($ptr:ident) => {
        // SAFETY: an export's out-parameter: NULL or writable, per the crate's contract.
        unsafe { $crate::pointers::out_ref($ptr, stringify!($ptr)) }?
    };
}

/// An export's handle argument, borrowed; NULL is `null_argument` naming it.
macro_rules! handle {
    ($ptr:ident) => {
        // SAFETY: an export's handle: NULL or live, per the crate's contract.
        unsafe { $crate::pointers::Handle::get($ptr) }.ok_or_else(|| $crate::status::Fail::null(stringify!($ptr)))?
    };
}

/// `text!(text, buf, buf_len, out_len)`: copies `text` into an export's buffer ([`write_text`]).
macro_rules! text {
    ($text:expr, $buf:ident, $buf_len:ident, $out_len:ident) => {
        match ($text, $crate::pointers::out!($out_len)) {
            // SAFETY: an export's buffer of `buf_len` bytes (or NULL), per the crate's contract.
            (text, out_len) => unsafe { $crate::pointers::write_text(text, $buf, $buf_len, out_len) },
        }
    };
}

/// The body of an accessor that returns no status: `read` of a live handle, `default` for NULL.
macro_rules! peek {
    ($ptr:ident, $default:expr, $read:expr) => {
        // SAFETY: an export's handle: NULL or live, per the crate's contract.
        $crate::panic::boundary(|| unsafe { $crate::pointers::Handle::get($ptr) }.map_or($default, $read))
    };
}

/// The body of a `*_free` export: frees a handle, NULL ignored.
macro_rules! free {
    ($ptr:ident) => {
        // SAFETY: an export's handle: NULL or live, freed once, per the crate's contract.
        $crate::panic::boundary(|| unsafe { $crate::pointers::Handle::free($ptr) })
    };
}

pub(crate) use {free, handle, input, out, peek, text};

/// A C array of `len` items: a `(ptr, len)` byte input or an array of structs. `ptr` may be
/// NULL when `len` is 0. `what` names the argument in the error message.
///
/// # Safety
/// When `len > 0`, `ptr` must point to `len` initialised, aligned `T`s that stay unchanged
/// during the call.
pub(crate) unsafe fn slice<'a, T>(ptr: *const T, len: usize, what: impl Display) -> Result<&'a [T], Fail> {
    if len == 0 {
        return Ok(&[]);
    }
    if ptr.is_null() {
        return Err(fail!(NullArgument, "{what} is NULL but its length is {len}"));
    }
    if len > isize::MAX as usize / std::mem::size_of::<T>().max(1) {
        return Err(fail!(
            InvalidArgument,
            "the length of {what} ({len}) is not a valid size"
        ));
    }
    // SAFETY: non-NULL, and per the contract it points to `len` initialised `T`s, whose total
    // size fits in `isize` (checked).
    Ok(unsafe { std::slice::from_raw_parts(ptr, len) })
}

/// UTF-8 text from an input, or `invalid_argument` naming it.
pub(crate) fn utf8<'a>(bytes: &'a [u8], what: &str) -> Result<&'a str, Fail> {
    std::str::from_utf8(bytes).map_err(|_| fail!(InvalidArgument, "{what} is not UTF-8"))
}

/// An out-parameter, ready to be written; NULL is `null_argument` naming it.
///
/// # Safety
/// `ptr` must be NULL or aligned and valid for writes of a `T` during `'a`.
pub(crate) unsafe fn out_ref<'a, T>(ptr: *mut T, what: &str) -> Result<&'a mut MaybeUninit<T>, Fail> {
    // SAFETY: per the contract; `MaybeUninit<T>` has the layout of `T`, and writing through it
    // neither reads nor drops the caller's old contents.
    unsafe { ptr.cast::<MaybeUninit<T>>().as_mut() }.ok_or_else(|| Fail::null(what))
}

/// Writes `value` to an out-parameter the caller may leave NULL (then nothing is written).
///
/// # Safety
/// As [`out_ref`].
pub(crate) unsafe fn write_optional<T>(ptr: *mut T, value: T) {
    // SAFETY: per the contract (see `out_ref`).
    if let Some(out) = unsafe { ptr.cast::<MaybeUninit<T>>().as_mut() } {
        out.write(value);
    }
}

/// Writes an out-parameter; `Ok`, so that it can end an export's body.
pub(crate) fn put<T>(out: &mut MaybeUninit<T>, value: T) -> Result<(), Fail> {
    out.write(value);
    Ok(())
}

/// Writes a text view (`None`: absent).
pub(crate) fn write_str<'t>(out: &mut MaybeUninit<hubspot_str>, text: impl Into<Option<&'t str>>) -> Result<(), Fail> {
    put(out, hubspot_str::of_opt(text.into()))
}

/// Writes C's (value, present) pair: absent is (default, false).
pub(crate) fn write_present<T: Default>(
    out_value: &mut MaybeUninit<T>,
    out_present: &mut MaybeUninit<bool>,
    value: Option<T>,
) -> Result<(), Fail> {
    out_present.write(value.is_some());
    put(out_value, value.unwrap_or_default())
}

/// Item `i` of a list of the library's, or `out_of_range` (`what` names the list's items).
pub(crate) fn item<'a, T>(list: &'a [T], i: usize, what: &str) -> Result<&'a T, Fail> {
    list.get(i)
        .ok_or_else(|| fail!(OutOfRange, "{what} {i} asked for, but there are {}", list.len()))
}

/// Copies `text` plus a NUL into the caller's buffer; `*out_len` gets the length of `text`,
/// also when the buffer is too small (that is what the length is for: documented on every
/// function that takes a buffer).
///
/// # Safety
/// `buf` must be NULL or point to `buf_len` writable bytes.
pub(crate) unsafe fn write_text(
    text: &[u8],
    buf: *mut c_char,
    buf_len: usize,
    out_len: &mut MaybeUninit<usize>,
) -> Result<(), Fail> {
    out_len.write(text.len());
    let needed = text.len().saturating_add(1);
    if buf_len < needed {
        return Err(fail!(
            BufferTooSmall,
            "the text is {} bytes and needs a buffer of {needed} bytes (with its NUL); the buffer has {buf_len}",
            text.len()
        ));
    }
    if buf.is_null() {
        return Err(Fail::null("buf"));
    }
    // SAFETY: `buf` is non-NULL and has room for `needed` bytes (checked above); it cannot
    // overlap `text`, which the library owns.
    unsafe {
        std::ptr::copy_nonoverlapping(text.as_ptr(), buf.cast::<u8>(), text.len());
        buf.add(text.len()).write(0);
    }
    Ok(())
}

/// A borrowed, read-only view of UTF-8 text owned by the library; NOT NUL-terminated (use
/// `%.*s` with `(int)len`). `ptr == NULL` means absent (a field the event does not carry);
/// an empty string has a non-NULL `ptr` and `len == 0`. Valid until the object it came from
/// (batch or signed headers) is freed.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct hubspot_str {
    /// The first byte, or NULL when absent.
    pub ptr: *const c_char,
    /// The length in bytes.
    pub len: usize,
}

/// Absent.
impl Default for hubspot_str {
    fn default() -> Self {
        let ptr = std::ptr::null();
        hubspot_str { ptr, len: 0 }
    }
}

impl hubspot_str {
    pub(crate) fn of(text: &str) -> hubspot_str {
        hubspot_str {
            ptr: text.as_ptr().cast::<c_char>(),
            len: text.len(),
        }
    }

    pub(crate) fn of_opt(text: Option<&str>) -> hubspot_str {
        text.map_or_else(hubspot_str::default, hubspot_str::of)
    }
}

/// A Rust value C holds through an opaque pointer (`hubspot_verifier`, `hubspot_batch`, ...):
/// made by one export, borrowed by others, freed by its `*_free`. The only code that turns
/// boxes into pointers and back.
pub(crate) trait Handle: Sized {
    /// Moves `self` to the heap and gives C the pointer, which owns it from now on (`Ok`, as
    /// [`put`]).
    fn hand_over(self, out: &mut MaybeUninit<*mut Self>) -> Result<(), Fail> {
        put(out, Box::into_raw(Box::new(self)))
    }

    /// Borrows a handle; `None` for NULL.
    ///
    /// # Safety
    /// `ptr` must be NULL or a live handle of this type made by [`Handle::hand_over`].
    unsafe fn get<'a>(ptr: *const Self) -> Option<&'a Self> {
        // SAFETY: per the contract.
        unsafe { ptr.as_ref() }
    }

    /// Frees a handle; NULL is ignored.
    ///
    /// # Safety
    /// `ptr` must be NULL or a live handle made by [`Handle::hand_over`], freed only once and
    /// used by no thread afterwards.
    unsafe fn free(ptr: *mut Self) {
        if !ptr.is_null() {
            // SAFETY: per the contract, `ptr` came from `Box::into_raw` in `hand_over`.
            drop(unsafe { Box::from_raw(ptr) });
        }
    }
}
