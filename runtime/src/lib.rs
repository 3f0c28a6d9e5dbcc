#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]
#![warn(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]

mod clock;
mod error;
mod header;
mod keyring;
mod lineage;
mod nonce;
mod plain;
mod read;
mod render;
mod respond;
pub mod schema;
mod spec;
mod verified;
mod wire;
mod write;

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

pub use error::Error;
pub use header::CookieHeaders;
pub use keyring::{KeyError, KeyId, Keyring, MIN_SECRET_LEN, SEAL_BUDGET};
pub use read::MAX_CANDIDATES;
pub use respond::{CookieRejection, ReadCookie, ReadVerified, RequireCookie, SetCookies};
pub use schema::{Json, Schema};
pub use spec::{CookieSpec, MAX_LIFETIME_SECS, Mode, SameSite};
pub use verified::Verified;
pub use wire::{ISSUED_AT_LEEWAY_SECS, MAX_NAME_LEN};

/// Declares a cookie as a type. See the [crate documentation](crate) for the attribute grammar.
///
/// The derive implements [`TypedCookie`] and adds inherent methods to the type:
/// `to_set_cookie`, `from_header`, `removal`, `COOKIE_NAME`, and for signed and sealed cookies
/// `from_header_verified`. Signed and sealed cookies' methods take a [`Keyring`]; plain
/// cookies' methods take none.
pub use typed_cookies_macros::Cookie;

/// Derives [`Schema`] for a struct or enum used inside a signed or sealed cookie, from its
/// fields, variants and `#[serde]` attributes. See [`Schema`] for what it covers and refuses.
///
/// ```
/// use serde::{Deserialize, Serialize};
/// use typed_cookies::Schema;
///
/// #[derive(Schema, Serialize, Deserialize)]
/// struct Address { city: String, zip: Option<u32> }
///
/// #[derive(Schema, Serialize, Deserialize)]
/// enum Role { User, Admin { since: u64 } }
/// ```
pub use typed_cookies_macros::Schema;

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

    /// The earlier types that reads convert from (`previous = ...`), newest first.
    #[doc(hidden)]
    type Previous: lineage::Lineage<Self>;
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

    pub use crate::lineage::{
        Lineage, NoPrevious, Previous, check_previous, read_derived, read_verified_derived,
    };
    pub use crate::schema::{Schema, any, fingerprint};

    /// Fails to compile, with one clear message, when `T` lacks the serde impls.
    pub const fn assert_cookie_value<T: CookieValue>() {}

    /// A conversion from a cookie type's `previous` type.
    #[diagnostic::on_unimplemented(
        message = "`{Self}` declares `previous = {P}` but cannot be made from it",
        label = "reads convert old cookies with `From<{P}>`",
        note = "add `impl From<{P}> for {Self}`, saying how an old value becomes a new one"
    )]
    pub trait MigratesFrom<P> {
        /// The new value for an old one.
        fn migrate(previous: P) -> Self;
    }
    #[diagnostic::do_not_recommend]
    impl<T: From<P>, P> MigratesFrom<P> for T {
        fn migrate(previous: P) -> Self {
            T::from(previous)
        }
    }

    /// A conversion into the `previous` type that a type still writes (`write_previous`).
    #[diagnostic::on_unimplemented(
        message = "`{Self}` is written as its previous type `{P}` (`write_previous`) but cannot be turned into it",
        label = "writes convert with `From<&{Self}> for {P}`",
        note = "add `impl From<&{Self}> for {P}`, or remove `write_previous` once every server reads the new type"
    )]
    pub trait WritesAs<P> {
        /// The previous type's value for this one.
        fn write_as(&self) -> P;
    }
    #[diagnostic::do_not_recommend]
    impl<T, P: for<'a> From<&'a T>> WritesAs<P> for T {
        fn write_as(&self) -> P {
            P::from(self)
        }
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
        let line = T::SPEC.__write_derived(value, keys)?;
        if check {
            T::SPEC.check_reads_back::<T>(&line, keys)?;
        }
        Ok(line)
    }
    pub use core::result::Result;
    pub use std::string::String;
}
