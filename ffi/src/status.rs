//! `hubspot_status`, the result of every fallible function: its codes, messages and families,
//! and the thread's last error (status, detailed message, diagnosis).

use std::cell::RefCell;
use std::ffi::{c_char, CString};
use std::sync::OnceLock;

use hubspot_webhooks::{Diagnosis, Error, ErrorCode, ErrorFamily, Response};

use crate::panic::boundary;
use crate::pointers::text;
pub use crate::tables::hubspot_status;
pub(crate) use crate::tables::status_of;

/// One of this library's own statuses (0..99; the core's start at 101). The generated enum
/// `hubspot_status` (`tables.rs`) starts with these, then the core's `ErrorCode::ALL`.
#[derive(Debug)]
pub struct OwnStatus {
    /// The enum variant.
    pub name: &'static str,
    /// Its value.
    pub number: u32,
    /// `hubspot_status_code`.
    pub code: &'static str,
    /// `hubspot_status_message`.
    pub description: &'static str,
    /// `hubspot_status_family_of`.
    pub family: hubspot_status_family,
    /// Its doc comment in the header.
    pub doc: &'static str,
}

/// `own_status!(Name = number, code, family, description; doc)`: one row of the table below.
macro_rules! own_status {
    ($name:ident = $number:literal, $code:literal, $family:ident, $description:literal; $doc:literal) => {
        OwnStatus {
            name: stringify!($name),
            number: $number,
            code: $code,
            description: $description,
            family: hubspot_status_family::$family,
            doc: $doc,
        }
    };
}

/// This library's own statuses.
pub static OWN_STATUSES: [OwnStatus; 5] = [
    own_status!(Ok = 0, "ok", None, "success"; "Success."),
    own_status!(NullArgument = 1, "null_argument", Usage, "a required pointer argument was NULL";
        "A required pointer argument was NULL (or a `(ptr, len)` had a NULL ptr and len > 0)."),
    own_status!(Panic = 2, "panic", Internal, "internal error: the library panicked (please report it)";
        "A bug: the library panicked. The message says where; please report it."),
    own_status!(BufferTooSmall = 3, "buffer_too_small", Usage, "the buffer is too small for the text";
        "The caller's buffer is too small; `*out_len` says how long the text is (the buffer needs `*out_len + 1` bytes)."),
    own_status!(OutOfRange = 4, "out_of_range", Usage, "an index or field is out of range";
        "An index is not below the count (events, rejected events, headers), or a field or name is not one this library knows."),
];

/// The code and description of a status as static C strings (this library's own statuses,
/// then the core's, made once); `None` for a value that is no status.
fn texts(status: u32) -> Option<&'static (u32, CString, CString)> {
    static TABLE: OnceLock<Vec<(u32, CString, CString)>> = OnceLock::new();
    let own = OWN_STATUSES.iter().map(|s| (s.number, s.code, s.description));
    let core = ErrorCode::ALL.iter().map(|c| (c.number(), c.as_str(), c.description()));
    let c = |text: &str| CString::new(text).ok();
    TABLE
        .get_or_init(|| {
            own.chain(core)
                .filter_map(|(n, code, text)| Some((n, c(code)?, c(text)?)))
                .collect()
        })
        .iter()
        .find(|(n, ..)| *n == status)
}

/// The stable snake_case code of a status (`"ok"`, `"null_argument"`, `"signature_mismatch"`,
/// ...), the same string as in every other language binding; `"unknown"` for a value that is
/// no status. The string is static: never free it.
#[no_mangle]
pub extern "C" fn hubspot_status_code(status: u32) -> *const c_char {
    boundary(|| texts(status).map_or(c"unknown".as_ptr(), |(_, code, _)| code.as_ptr()))
}

/// A short, generic English description of a status. The string is static: never free it.
/// For the detailed message of the last failure, use `hubspot_last_error_message`.
#[no_mangle]
pub extern "C" fn hubspot_status_message(status: u32) -> *const c_char {
    boundary(|| texts(status).map_or(c"unknown status".as_ptr(), |(.., text)| text.as_ptr()))
}

/// What kind of failure a status is: the core's family for its statuses (101 up), and this
/// library's own for 1..4. Pick an answer or a log level by it, not by number ranges.
#[repr(u32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum hubspot_status_family {
    /// `HUBSPOT_STATUS_OK`, or a value that is no status.
    None = 0,
    /// The request is not authentic or not fresh (a signature or timestamp problem).
    Signature = 1,
    /// The body is not a valid delivery (too large, not JSON, not a batch, a bad event).
    Payload = 2,
    /// The caller's mistake: `invalid_argument` (e.g. no secret), and this library's
    /// `NULL_ARGUMENT`, `BUFFER_TOO_SMALL`, `OUT_OF_RANGE`.
    Usage = 3,
    /// A bug in this library: `HUBSPOT_STATUS_PANIC`.
    Internal = 4,
}

fn core_code(status: u32) -> Option<ErrorCode> {
    ErrorCode::ALL.iter().copied().find(|code| code.number() == status)
}

/// The family of a status (`HUBSPOT_STATUS_FAMILY_NONE` for OK and for a value that is no
/// status).
#[no_mangle]
pub extern "C" fn hubspot_status_family_of(status: u32) -> hubspot_status_family {
    boundary(|| match core_code(status).map(ErrorCode::family) {
        Some(ErrorFamily::Signature) => hubspot_status_family::Signature,
        Some(ErrorFamily::Payload) => hubspot_status_family::Payload,
        Some(ErrorFamily::Usage) => hubspot_status_family::Usage,
        // A family a newer core adds: none this library can name yet.
        Some(_) => hubspot_status_family::None,
        None => OWN_STATUSES
            .iter()
            .find(|own| own.number == status)
            .map_or(hubspot_status_family::None, |own| own.family),
    })
}

/// The HTTP status a receiver answers with, the same in every binding (decided by the core):
/// 204 for `HUBSPOT_STATUS_OK` (verified and handled), 401 for a signature problem, 413 for
/// `body_too_large`, 400 for another body problem, 500 for `invalid_argument` (the receiver's
/// own configuration) and for any other failure of this library (HubSpot retries on 5xx).
#[no_mangle]
pub extern "C" fn hubspot_status_http_status(status: u32) -> u16 {
    boundary(|| match core_code(status) {
        Some(code) => code.http_status(),
        None if status == hubspot_status::Ok as u32 => Response::accepted().status,
        None => ErrorCode::InvalidArgument.http_status(),
    })
}

/// `fail!(Status, "format", args...)`: a failure of this library's own, with that status.
macro_rules! fail {
    ($status:ident, $($detail:tt)+) => {
        $crate::status::Fail::new($crate::status::hubspot_status::$status, format_args!($($detail)+))
    };
}

pub(crate) use fail;

/// A failure: its status, its detailed message (`"code: what went wrong"`) and, with the
/// `diagnose` option, what the diagnosis of a signature failure found. The thread's last error.
#[derive(Clone, Debug)]
pub(crate) struct Fail {
    pub(crate) status: hubspot_status,
    message: String,
    pub(crate) diagnosis: Option<Box<Diagnosis>>,
}

impl Fail {
    /// A failure of this library's own; the message starts with the status's code.
    pub(crate) fn new(status: hubspot_status, detail: impl std::fmt::Display) -> Fail {
        let code = texts(status as u32).map_or("unknown".into(), |(_, code, _)| code.to_string_lossy());
        Fail {
            status,
            message: format!("{code}: {detail}"),
            diagnosis: None,
        }
    }

    pub(crate) fn null(what: impl std::fmt::Display) -> Fail {
        fail!(NullArgument, "{what} is NULL")
    }
}

impl From<Error> for Fail {
    fn from(error: Error) -> Fail {
        // `to_string` is `"code: message"`, with the diagnosis's findings when there is one
        // (the core's `detailed_message`).
        Fail {
            status: status_of(error.code()),
            message: error.to_string(),
            diagnosis: error.diagnosis().cloned().map(Box::new),
        }
    }
}

thread_local! {
    /// The last failed call on this thread; `None` after a success.
    static LAST_ERROR: RefCell<Option<Fail>> = const { RefCell::new(None) };
}

pub(crate) fn set_last_error(value: Option<Fail>) {
    // `try_with`: during thread teardown the slot may be gone; then there is nothing to keep.
    // `try_borrow*`: no borrow outlives these two functions, and none may panic.
    let _ = LAST_ERROR.try_with(|slot| slot.try_borrow_mut().map(|mut last| *last = value));
}

/// A copy of the last error, which stays in place.
pub(crate) fn last_error() -> Option<Fail> {
    let copy = |slot: &RefCell<Option<Fail>>| slot.try_borrow().ok()?.clone();
    LAST_ERROR.try_with(copy).ok().flatten()
}

/// Runs a fallible export behind the panic boundary and records its outcome as the thread's
/// last error (cleared on success).
pub(crate) fn run(body: impl FnOnce() -> Result<(), Fail>) -> hubspot_status {
    boundary(|| {
        let outcome = body().err();
        let status = outcome.as_ref().map_or(hubspot_status::Ok, |fail| fail.status);
        set_last_error(outcome);
        status
    })
}

/// Runs an export that reads the last error: as [`run`], but the last error stays as it was.
pub(crate) fn run_quietly(body: impl FnOnce() -> Result<(), Fail>) -> hubspot_status {
    boundary(|| body().err().map_or(hubspot_status::Ok, |fail| fail.status))
}

/// The status of the last failed call on this thread, or `HUBSPOT_STATUS_OK` when the last
/// call succeeded (or none was made). Every fallible function sets it.
#[no_mangle]
pub extern "C" fn hubspot_last_error_status() -> hubspot_status {
    boundary(|| last_error().map_or(hubspot_status::Ok, |last| last.status))
}

/// Copies the detailed message of the last failed call on this thread (`"code: what went
/// wrong and what to do"`, `""` when the last call succeeded) into `buf`, NUL-terminated.
///
/// `*out_len` gets the message length without the NUL. When `buf_len` is too small (pass
/// `buf = NULL, buf_len = 0` to ask), returns `HUBSPOT_STATUS_BUFFER_TOO_SMALL`, leaves `buf`
/// alone and still sets `*out_len`: allocate `*out_len + 1` bytes and call again. This call
/// does not change the last error.
#[no_mangle]
pub unsafe extern "C" fn hubspot_last_error_message(
    buf: *mut c_char,
    buf_len: usize,
    out_len: *mut usize,
) -> hubspot_status {
    run_quietly(|| {
        let message = last_error().map(|last| last.message).unwrap_or_default();
        text!(message.as_bytes(), buf, buf_len, out_len)
    })
}
