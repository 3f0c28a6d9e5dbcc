//! Cookies as types. `#[derive(Cookie)]` fixes a cookie's name, its browser attributes and its
//! protection (plain, signed with HMAC-SHA256, or sealed with AES-256-GCM) at compile time,
//! refuses unsafe combinations before the program builds, and gives the type methods that write
//! it as a `Set-Cookie` value and read it back from `Cookie` request headers.
//!
//! ```
//! use serde::{Deserialize, Serialize};
//! use typed_cookies::{Cookie, Keyring};
//!
//! #[derive(Cookie, Serialize, Deserialize, Debug, PartialEq)]
//! #[cookie(name = "__Host-session", sealed, expires = "2d")]
//! struct Session { user_id: u64, role: String }
//!
//! # fn main() -> Result<(), typed_cookies::Error> {
//! let keys = Keyring::generate();   // in production: Keyring::from_env("TYPED_COOKIES_SECRET")
//! let line = Session { user_id: 42, role: "admin".into() }.to_set_cookie(&keys)?;
//! assert!(line.ends_with("; Secure; HttpOnly; SameSite=Lax"));
//!
//! let header = format!("theme=dark; {}", line.split(';').next().unwrap());
//! let session = Session::from_header(&header, &keys)?;
//! assert_eq!(session, Some(Session { user_id: 42, role: "admin".into() }));
//! # Ok(()) }
//! ```
//!
//! # What the type fixes
//!
//! - **Protection.** `sealed` (the browser can neither read nor change the value), `signed`
//!   (readable, not changeable) or plain (text a script may read). The methods of signed and
//!   sealed types take a [`Keyring`]; those of plain types take none.
//! - **Attributes.** `Secure`, `HttpOnly` and `SameSite=Lax` by default; `expires`, `path`,
//!   `domain`, `same_site`, `partitioned`. The prefix rules of `__Host-`, `__Secure-` and
//!   `__Http-`, and every other rule of RFC 6265bis, are compile errors that point at the
//!   offending literal. [`CookieSpec`] describes the full grammar's effect.
//! - **Binding.** A signed or sealed value is bound to the full cookie name, to a fingerprint of
//!   the type's whole shape ([`Schema`]), to its issue time and to its expiry: it cannot be moved
//!   to another cookie, misread by a changed type, or replayed past its lifetime.
//! - **Migrations.** `#[cookie(previous = OldType)]` reads cookies written by an earlier shape of
//!   the type, through a `From` conversion; [`Verified::migrated`] says when to write them again.
//! - **Timeouts.** `refresh = "15m"` makes a sliding session, `max_lifetime = "30d"` ends it a
//!   fixed time after the login; the login time travels authenticated, and
//!   [`Verified::reissue`] writes a due session again (the integrations do it on the response).
//!
//! # Generated methods
//!
//! The derive adds inherent methods, so no trait needs importing: `COOKIE_NAME`,
//! `to_set_cookie`, `from_header`, `from_header_verified` (signed and sealed) and `removal`.
//! Generic code uses [`TypedCookie`] and [`ProtectedCookie`]. A type that needs its own method
//! of one of these names declares it in a trait of its own: trait methods never collide with
//! inherent ones.
//!
//! # Frameworks
//!
//! The extractors [`ReadCookie`], [`RequireCookie`] and [`ReadVerified`] and the response part
//! [`SetCookies`] work with axum and actix-web ([`integrations`]); plain cookies need no
//! keyring in the application's state. [`CrossOriginProtection`] refuses cross-site
//! state-changing requests, as an axum layer or actix-web middleware; [`CsrfToken`] binds
//! tokens to the session ([`CsrfChecked`], [`CsrfForm`]); the re-issue layer and middleware
//! write due sessions again; a [`revocation`] hook on the keyring refuses revoked sessions.
//!
//! # Cargo features
//!
//! | feature | what it adds | public dependency |
//! |---|---|---|
//! | `http` (default) | reads from `http::HeaderMap`, `Set-Cookie` as `http::HeaderValue` | `http` 1 |
//! | `axum` | extractors and response parts for axum 0.8 | `axum-core` 0.5 (and `http` 1) |
//! | `actix-web` | extractors and response helpers | `actix-web` 4 |
//! | `cookie` | conversion into the `cookie` crate's `Cookie` | `cookie` 0.18 |
//! | `uuid` | [`Schema`] for `Uuid` | `uuid` 1 |
//! | `time` | [`Schema`] for date and time types | `time` 0.3 |
//! | `chrono` | [`Schema`] for date and time types | `chrono` 0.4 |
//! | `flask`, `django`, `rails` | those frameworks' cookies as types, `format = "..."` (`interop`) | – |
//! | `redis` | revocations shared by a fleet (`revocation::RedisRevocations`) | `redis` 1 |
//! | `testing` | helpers for handler tests (`testing`), for `[dev-dependencies]` | – |
//!
//! # More
//!
//! The repository holds the user guide with a runnable demo
//! ([README](https://github.com/typed-cookies/typed-cookies/blob/main/README.md)), what each
//! mode guarantees and the test behind every claim
//! ([SECURITY.md](https://github.com/typed-cookies/typed-cookies/blob/main/SECURITY.md)), the
//! wire format byte by byte with test vectors
//! ([docs/FORMAT.md](https://github.com/typed-cookies/typed-cookies/blob/main/docs/FORMAT.md)),
//! and the measurements next to the `cookie` crate
//! ([BENCHMARKS.md](https://github.com/typed-cookies/typed-cookies/blob/main/BENCHMARKS.md)).
#![forbid(unsafe_code)]
#![warn(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]

mod clock;
mod cross_origin;
mod csrf;
mod error;
mod header;
mod keyring;
mod lineage;
mod nonce;
mod origin;
mod plain;
mod read;
mod reissue;
mod render;
mod respond;
pub mod revocation;
pub mod schema;
mod spec;
#[cfg(feature = "testing")]
#[cfg_attr(docsrs, doc(cfg(feature = "testing")))]
pub mod testing;
mod verified;
mod wire;
mod write;

#[cfg(test)]
mod vectors;

pub mod integrations;
#[cfg(any(feature = "flask", feature = "django", feature = "rails"))]
#[cfg_attr(
    docsrs,
    doc(cfg(any(feature = "flask", feature = "django", feature = "rails")))
)]
pub mod interop;

/// The repository's README, whose examples run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;

pub use cross_origin::{CrossOriginProtection, CrossOriginRejection, InvalidOrigin};
pub use csrf::{CsrfRejection, CsrfToken};
pub use error::Error;
pub use header::CookieHeaders;
pub use keyring::{KeyError, KeyId, Keyring, MIN_SECRET_LEN, SEAL_BUDGET};
pub use read::MAX_CANDIDATES;
pub use respond::{CSRF_FIELD, CSRF_HEADER, CsrfChecked, CsrfForm, ReadForeign, RequireForeign};
pub use respond::{CookieRejection, ReadCookie, ReadVerified, RequireCookie, SetCookies};
pub use schema::{Json, Schema};
pub use spec::{CookieSpec, MAX_LIFETIME_SECS, Mode, SameSite};
pub use verified::Verified;
pub use wire::{ISSUED_AT_LEEWAY_SECS, MAX_NAME_LEN};

/// Declares a cookie as a type.
///
/// The derive implements [`TypedCookie`] (and [`ProtectedCookie`] and [`Schema`] for signed and
/// sealed types) and adds inherent methods to the type: `to_set_cookie`, `from_header`,
/// `removal`, `COOKIE_NAME`, and for signed and sealed cookies `from_header_verified`. Signed and
/// sealed cookies' methods take a [`Keyring`]; plain cookies' methods take none.
///
/// `#[cookie(...)]` takes, each optional: `name = "..."` (default: the type's name in
/// snake_case), `signed` or `sealed`, `expires = "2d"` (units `s m h d w`), `secure`/`secure =
/// false`, `httponly`/`http_only` (`= false`), `same_site = "strict" | "lax" | "none"`,
/// `path = "/..."`, `domain = "..."`, `partitioned`, `previous = OldType`, `write_previous`,
/// and `crate = "path"` for a renamed dependency.
///
/// ```
/// use serde::{Deserialize, Serialize};
/// use typed_cookies::{Cookie, Keyring};
///
/// #[derive(Cookie, Serialize, Deserialize)]
/// #[cookie(name = "__Host-session", sealed, expires = "2d")]
/// struct Session { user_id: u64 }
///
/// #[derive(Cookie, Serialize, Deserialize)]
/// #[cookie(name = "theme", httponly = false, same_site = "strict")]
/// struct Theme(String);
///
/// let keys = Keyring::generate();
/// let line = Session { user_id: 7 }.to_set_cookie(&keys)?;
/// assert!(line.starts_with("__Host-session="));
/// assert_eq!(Theme("dark".into()).to_set_cookie()?, "theme=dark; Path=/; Secure; SameSite=Strict");
/// assert_eq!(Session::COOKIE_NAME, "__Host-session");
/// # Ok::<(), typed_cookies::Error>(())
/// ```
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
/// write any typed cookie. Its spec is checked at compile time wherever a cookie of the type is
/// read, written or removed, so even a hand-written impl cannot render a cookie that breaks a
/// rule (a path that injects attributes, a `__Host-` cookie with a `Domain`): implement it
/// through the derive.
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

    /// `__private::Plain` or `__private::Protected`: whether reads need a keyring, known to
    /// the type system so that extractors of plain cookies ask for none.
    #[doc(hidden)]
    type Keys: __private::KeyNeed;

    /// The subject revocation asks about (`#[cookie(subject = "field")]`), if the type names one.
    #[doc(hidden)]
    fn __subject(&self) -> Option<String> {
        None
    }

    /// Whether `to_set_cookie` writes the previous type (`write_previous`), so that a value
    /// migrated from it is not due to be written again.
    #[doc(hidden)]
    const __WRITES_PREVIOUS: bool = false;

    /// Writes this value again for a session that continues (a re-issue), the way
    /// `to_set_cookie` writes it.
    #[doc(hidden)]
    fn __reissue(
        &self,
        keys: &Keyring,
        continuation: &__private::Continuation,
    ) -> Result<String, Error> {
        __private::reissue_derived::<Self>(self, keys, continuation)
    }

    /// Evaluated wherever a cookie of this type is read, written or removed, so a spec that
    /// breaks a rule does not compile, however the impl was written.
    #[doc(hidden)]
    const VALID: () = match Self::SPEC.check() {
        None => (),
        Some(why) => panic!("{}", why),
    };
}

/// A signed or sealed cookie type: one whose reads carry [`Verified`] metadata.
/// `#[derive(Cookie)]` implements it for `signed` and `sealed` types, never for plain ones, so
/// APIs that need verified metadata (such as [`ReadVerified`]) reject plain cookies at compile
/// time. It is sealed: only the derive implements it.
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
pub trait ProtectedCookie: TypedCookie + __private::SealedProtected {
    /// Evaluated wherever verified metadata is read: a type marked protected whose spec is
    /// plain does not compile.
    #[doc(hidden)]
    const PROTECTED: () = assert!(
        !matches!(Self::SPEC.mode(), Mode::Plain),
        "a ProtectedCookie must be signed or sealed"
    );
}

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

    /// Whether a cookie type's reads need a keyring.
    pub trait KeyNeed {}
    /// A plain cookie: no keyring.
    pub enum Plain {}
    /// A signed or sealed cookie: a keyring.
    pub enum Protected {}
    impl KeyNeed for Plain {}
    impl KeyNeed for Protected {}

    /// Only `#[derive(Cookie)]` marks a type as [`ProtectedCookie`](crate::ProtectedCookie),
    /// and only for signed and sealed types.
    #[diagnostic::on_unimplemented(
        message = "`{Self}` is not a signed or sealed cookie declared with `#[derive(Cookie)]`",
        note = "declare it with `#[derive(Cookie)]` and `#[cookie(signed)]` or `#[cookie(sealed)]`; `ProtectedCookie` cannot be implemented by hand"
    )]
    pub trait SealedProtected {}

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

    pub use crate::reissue::Continuation;

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
        crate::reissue::write_continued(&T::SPEC, value, keys, continuation)
    }

    /// What the derive's `removal` calls; the spec was checked at compile time.
    #[must_use]
    pub fn removal_derived<T: TypedCookie>() -> String {
        let () = T::VALID;
        crate::render::removal(&T::SPEC)
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
        let line = T::SPEC.__write_derived(value, keys)?;
        if check {
            T::SPEC.check_reads_back::<T>(&line, keys)?;
        }
        Ok(line)
    }
    #[cfg(any(feature = "flask", feature = "django", feature = "rails"))]
    pub use crate::interop::{
        ForeignCookie, ForeignFormat, read as foreign_read, removal as foreign_removal,
        write as foreign_write,
    };
    pub use core::result::Result;
    pub use std::string::String;
}
