//! The panic boundary. Unwinding into C is undefined behaviour, so every export runs its body
//! through [`boundary`]: a panic is caught, recorded as the thread's last error
//! (`HUBSPOT_STATUS_PANIC` with where it happened) and the export returns the fallback its
//! return type names ([`OnPanic`]). Fallible exports go through `status::run`, which
//! is this boundary plus the last-error bookkeeping.

use std::ffi::c_char;
use std::panic::{catch_unwind, AssertUnwindSafe};

use crate::channel::hubspot_delivery_kind;
use crate::fields::hubspot_field_kind;
use crate::status::{hubspot_status, hubspot_status_family, set_last_error, Fail};

/// What an export returns to C when the library panicked, by return type.
pub trait OnPanic {
    /// The fallback.
    fn on_panic() -> Self;
}

macro_rules! on_panic {
    ($($t:ty => $fallback:expr),* $(,)?) => {$(
        impl OnPanic for $t {
            fn on_panic() -> Self {
                $fallback
            }
        }
    )*};
}

on_panic! {
    hubspot_status => hubspot_status::Panic,
    hubspot_field_kind => hubspot_field_kind::None,
    hubspot_status_family => hubspot_status_family::Internal,
    hubspot_delivery_kind => hubspot_delivery_kind::None,
    // A static text (a code, a name): safe to print.
    *const c_char => c"unknown".as_ptr(),
    () => (),
    u16 => 0,
    i64 => 0,
    usize => 0,
}

/// Runs an export's body; a panic becomes the return type's fallback and the thread's last
/// error says so.
pub fn boundary<R: OnPanic>(body: impl FnOnce() -> R) -> R {
    catch_unwind(AssertUnwindSafe(body)).unwrap_or_else(|payload| {
        let what = payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        let detail = format!("the library panicked ({what}); this is a bug, please report it");
        set_last_error(Some(Fail::new(hubspot_status::Panic, detail)));
        R::on_panic()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::status::{hubspot_last_error_status, run};

    #[test]
    fn panics_become_the_fallback_of_the_return_type() {
        assert_eq!(run(|| panic!("boom")), hubspot_status::Panic);
        assert_eq!(hubspot_last_error_status(), hubspot_status::Panic);
        assert_eq!(boundary(|| -> usize { panic!("boom") }), 0);
        assert_eq!(
            boundary(|| -> hubspot_field_kind { panic!("boom") }),
            hubspot_field_kind::None
        );
        assert_eq!(run(|| Ok(())), hubspot_status::Ok);
        assert_eq!(hubspot_last_error_status(), hubspot_status::Ok);
    }
}
