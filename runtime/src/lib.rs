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

#[doc(hidden)]
#[path = "private.rs"]
pub mod __private;
mod clock;
mod cookie;
pub mod cross_origin;
pub mod csrf;
mod error;
#[cfg(any(feature = "axum", feature = "actix-web"))]
mod extract;
mod header;
pub mod keyring;
mod lineage;
mod plain;
mod random;
mod read;
mod refusal;
mod render;
pub mod revocation;
pub mod schema;
mod session;
mod set_cookies;
mod spec;
mod verified;
mod wire;
mod write;

pub mod integrations;
#[cfg(any(feature = "flask", feature = "django", feature = "rails"))]
#[cfg_attr(
    docsrs,
    doc(cfg(any(feature = "flask", feature = "django", feature = "rails")))
)]
pub mod interop;
#[cfg(feature = "testing")]
#[cfg_attr(docsrs, doc(cfg(feature = "testing")))]
pub mod testing;

#[cfg(test)]
mod vectors;

/// The cookie rules and limits, written once: the derive checks them at compile time,
/// [`CookieSpec::validate`] at run time (the `typed-cookies-rules` crate).
pub mod rules {
    pub use typed_cookies_rules::*;
}

/// The repository's README, whose examples run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;

pub use cookie::{CookieValue, ProtectedCookie, TypedCookie};
pub use cross_origin::CrossOriginProtection;
pub use csrf::{CsrfChecked, CsrfForm, CsrfToken};
pub use error::Error;
#[cfg(any(feature = "axum", feature = "actix-web"))]
pub use extract::{CookieRejection, ReadCookie, ReadVerified, RequireCookie};
pub use header::CookieHeaders;
pub use keyring::Keyring;
pub use schema::{Json, Schema};
pub use set_cookies::SetCookies;
pub use spec::{CookieSpec, Mode, SameSite};
pub use verified::Verified;

/// Declares a cookie as a type.
///
/// The derive implements [`TypedCookie`] (and [`ProtectedCookie`] and [`Schema`] for signed and
/// sealed types) and adds inherent methods to the type: `to_set_cookie`, `from_header`,
/// `removal`, `COOKIE_NAME`, and for signed and sealed cookies `from_header_verified`. Signed and
/// sealed cookies' methods take a [`Keyring`]; plain cookies' methods take none.
///
/// `#[cookie(...)]` takes these keys; the protection is required, every other key has the
/// default shown (the README's "The attribute" says more of each):
///
/// | keys | meaning | default |
/// |---|---|---|
/// | `name = "..."` | the cookie's name, prefix included | the type's name in snake_case |
/// | `plain`, `signed`, `sealed` | the protection: text anyone can change, HMAC-SHA256, AES-256-GCM | none: write one |
/// | `expires = "2d"` | `Max-Age`, `Expires`, and the expiry the server enforces (units `s m h d w`) | a browser-session cookie, refused by the server after [`rules::DEFAULT_SERVER_LIFETIME_SECS`] when signed or sealed |
/// | `refresh = "15m"` | a sliding session: re-issued once this old | none |
/// | `max_lifetime = "30d"` | the session ends this long after the login | none |
/// | `secure`, `secure = false` | `Secure` | on |
/// | `httponly`, `httponly = false` (or `http_only`) | `HttpOnly` | on |
/// | `same_site = "strict" \| "lax" \| "none"` | `SameSite` | `lax` |
/// | `path = "/..."` | `Path` | `/` |
/// | `domain = "..."` | `Domain` | host-only |
/// | `partitioned` | `Partitioned` (CHIPS) | off |
/// | `previous = OldType` | reads convert cookies written by `OldType` with `From` | none |
/// | `write_previous` | writes still produce `OldType`, for a rolling change | off |
/// | `subject = "field"` | whose session it is, for [`revocation`] | none |
/// | `format = "flask"` (`"django"`, `"django-signed"`, `"rails"`, `"rails-signed"`) | another framework's format (`interop`) | this crate's |
/// | `salt = "..."` | Django signed cookies' salt | none |
/// | `crate = "path"` | the path of this crate, when renamed | `::typed_cookies` |
///
/// The rules between keys (`__Host-` without `Secure`, `refresh` not shorter than `expires`,
/// …) are [`rules`], and compile errors at the offending literal.
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
/// #[cookie(name = "theme", plain, httponly = false, same_site = "strict")]
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
