#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]
#![warn(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]

mod codec;
mod error;
mod header;
mod keyring;
mod plain;
mod render;
mod respond;
mod spec;
mod wire;

#[cfg(test)]
mod vectors;

#[cfg(feature = "http")]
#[cfg_attr(docsrs, doc(cfg(feature = "http")))]
pub mod http;

#[cfg(feature = "axum")]
#[cfg_attr(docsrs, doc(cfg(feature = "axum")))]
pub mod axum;

#[cfg(feature = "actix-web")]
#[cfg_attr(docsrs, doc(cfg(feature = "actix-web")))]
pub mod actix;

#[cfg(feature = "cookie")]
#[cfg_attr(docsrs, doc(cfg(feature = "cookie")))]
pub mod cookie;

pub use codec::{MAX_CANDIDATES, Verified, reseed_after_fork};
pub use error::Error;
pub use header::CookieHeaders;
pub use keyring::{KeyError, KeyId, Keyring, MIN_SECRET_LEN, SEAL_BUDGET};
pub use respond::{CookieRejection, ReadCookie, ReadVerified, RequireCookie, SetCookies};
pub use spec::{CookieSpec, MAX_LIFETIME_SECS, Mode, SameSite};
pub use wire::{ISSUED_AT_LEEWAY_SECS, MAX_NAME_LEN};

/// Declares a cookie as a type. See the [crate documentation](crate) for the attribute grammar.
///
/// The derive implements [`TypedCookie`] and adds inherent methods to the type:
/// `to_set_cookie`, `from_header`, `removal`, `COOKIE_NAME`, and for signed and sealed cookies
/// `from_header_verified`. Signed and sealed cookies' methods take a [`Keyring`]; plain
/// cookies' methods take none.
pub use typed_cookies_macros::Cookie;

/// A type whose values are stored in one kind of cookie, described by [`SPEC`](TypedCookie::SPEC).
///
/// `#[derive(Cookie)]` implements it; framework adapters and generic code use it to read and
/// write any typed cookie.
///
/// ```
/// use serde::{Deserialize, Serialize};
/// use typed_cookies::{Cookie, Keyring, TypedCookie};
///
/// #[derive(Cookie, Serialize, Deserialize)]
/// #[cookie(name = "prefs", signed)]
/// struct Prefs { lang: String }
///
/// fn name_of<C: TypedCookie>() -> &'static str { C::SPEC.name() }
/// assert_eq!(name_of::<Prefs>(), "prefs");
/// ```
pub trait TypedCookie: CookieValue {
    /// The cookie's name, attributes, protection, lifetime and schema fingerprint.
    const SPEC: CookieSpec;
}

/// A signed or sealed cookie type: one whose reads carry [`Verified`] metadata.
/// `#[derive(Cookie)]` implements it for `signed` and `sealed` types, never for plain ones, so
/// APIs that need verified metadata (such as [`ReadVerified`]) reject plain cookies at compile
/// time.
///
/// ```
/// use serde::{Deserialize, Serialize};
/// use typed_cookies::{Cookie, ProtectedCookie};
///
/// #[derive(Cookie, Serialize, Deserialize)]
/// #[cookie(name = "__Host-session", sealed)]
/// struct Session { user_id: u64 }
///
/// fn protected<C: ProtectedCookie>() {}
/// protected::<Session>();
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a signed or sealed cookie, so it carries no verified metadata",
    label = "a plain cookie, or not a cookie type",
    note = "declare it with `#[cookie(signed)]` or `#[cookie(sealed)]`, or read it without metadata"
)]
pub trait ProtectedCookie: TypedCookie {}

/// A value that can be stored in a cookie: one that implements serde's `Serialize` and
/// `DeserializeOwned`. Implemented for every such type.
///
/// ```
/// fn storable<T: typed_cookies::CookieValue>() {}
/// storable::<(u64, String)>();
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be stored in a cookie: it does not implement serde's `Serialize` and `Deserialize`",
    label = "needs `Serialize` and `Deserialize`",
    note = "add `#[derive(serde::Serialize, serde::Deserialize)]` to the type next to `#[derive(Cookie)]`"
)]
pub trait CookieValue: serde::Serialize + serde::de::DeserializeOwned {}

// Not looked through in error messages: a type without serde impls gets the one message above
// instead of one error per missing trait.
#[diagnostic::do_not_recommend]
impl<T: serde::Serialize + serde::de::DeserializeOwned> CookieValue for T {}

#[doc(hidden)]
pub mod __private {
    pub use crate::CookieValue;
    pub use crate::{
        CookieHeaders, CookieSpec, Error, Keyring, ProtectedCookie, SameSite, TypedCookie, Verified,
    };
    pub use core::option::Option;

    /// Fails to compile, with one clear message, when `T` lacks the serde impls.
    pub const fn assert_cookie_value<T: CookieValue>() {}
    pub use core::result::Result;
    pub use std::string::String;
}
