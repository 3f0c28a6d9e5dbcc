//! What the code `#[derive(Cookie)]` generates calls: `typed_cookies::__private`. Not part of
//! the API.

pub use core::option::Option;
pub use core::result::Result;
pub use std::string::String;

pub use crate::cookie::{
    CookieValue, KeyNeed, Lineage, Plain, Protected, ProtectedCookie, SealedProtected, TypedCookie,
};
pub use crate::error::Error;
pub use crate::header::CookieHeaders;
#[cfg(any(feature = "flask", feature = "django", feature = "rails"))]
pub use crate::interop::{
    ForeignCookie, ForeignFormat, read as foreign_read, removal as foreign_removal,
    write as foreign_write,
};
pub use crate::keyring::Keyring;
pub use crate::lineage::{MigratesFrom, NoPrevious, Previous, WritesAs, check_previous};
pub use crate::schema::{Schema, any, fingerprint};
pub use crate::spec::{CookieSpec, SameSite};
pub use crate::verified::Verified;
pub use crate::write::Continuation;

use crate::clock::now_secs;
use crate::render;

/// Fails to compile, with one clear message, when `T` lacks the serde impls.
pub const fn assert_cookie_value<T: CookieValue>() {}

/// What the derive's `from_header` calls.
///
/// # Errors
/// As the read pipeline's.
pub fn read_derived<T: TypedCookie, H: CookieHeaders + ?Sized>(
    headers: &H,
    keys: Option<&Keyring>,
) -> Result<Option<T>, Error> {
    crate::read::read::<T, H>(headers, keys, now_secs())
}

/// What the derive's `from_header_verified` calls.
///
/// # Errors
/// As the read pipeline's.
pub fn read_verified_derived<T: TypedCookie, H: CookieHeaders + ?Sized>(
    headers: &H,
    keys: &Keyring,
) -> Result<Option<Verified<T>>, Error> {
    crate::read::read_verified::<T, H>(headers, keys, now_secs())
}

/// What a re-issue of `T` (or of the previous type a `write_previous` type writes) calls.
///
/// # Errors
/// As `to_set_cookie`.
pub fn reissue_derived<T: TypedCookie>(
    value: &T,
    keys: &Keyring,
    continuation: &Continuation,
) -> Result<String, Error> {
    let () = T::VALID;
    crate::write::write_continued(&T::SPEC, value, keys, continuation)
}

/// What the derive's `removal` calls; the spec was checked at compile time.
#[must_use]
pub fn removal_derived<T: TypedCookie>() -> String {
    let () = T::VALID;
    render::removal(&T::SPEC)
}

/// What the derive's `to_set_cookie` calls. With `check`, for types whose shape includes a
/// custom serializer, the written value must also read back.
///
/// # Errors
/// As [`CookieSpec::write`]; [`Error::Serialize`] when `check` finds the value does not
/// read back.
pub fn write_derived<T: TypedCookie>(
    value: &T,
    keys: Option<&Keyring>,
    check: bool,
) -> Result<String, Error> {
    let () = T::VALID;
    let line = T::SPEC.write_now(value, keys)?;
    if check && !T::SPEC.reads_back::<T>(&line, keys) {
        return Err(Error::Serialize);
    }
    Ok(line)
}

/// What the derive says of `#[cookie(...)]` keys: `(&[Violation], CookieSpec)`, the rules they
/// break and the spec it would emit, for the test that holds the derive and the runtime to one
/// verdict.
pub use typed_cookies_macros::__rule_verdict as rule_verdict;
