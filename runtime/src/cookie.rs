//! The traits of cookie types: what `#[derive(Cookie)]` implements and generic code names.

use crate::error::Error;
use crate::keyring::Keyring;
use crate::spec::{CookieSpec, Mode};
use crate::write::{Continuation, write_continued};

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
    type Previous: Lineage<Self>;

    /// `__private::Plain` or `__private::Protected`: whether reads need a keyring, known to
    /// the type system so that extractors of plain cookies ask for none.
    #[doc(hidden)]
    type Keys: KeyNeed;

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
    fn __reissue(&self, keys: &Keyring, continuation: &Continuation) -> Result<String, Error> {
        let () = Self::VALID;
        write_continued(&Self::SPEC, self, keys, continuation)
    }

    /// Evaluated wherever a cookie of this type is read, written or removed, so a spec that
    /// breaks a rule does not compile, however the impl was written.
    #[doc(hidden)]
    const VALID: () = match Self::SPEC.check() {
        Ok(()) => (),
        Err(why) => panic!("{}", why.message()),
    };
}

/// A signed or sealed cookie type: one whose reads carry [`Verified`](crate::Verified) metadata.
/// `#[derive(Cookie)]` implements it for `signed` and `sealed` types, never for plain ones, so
/// APIs that need verified metadata (such as [`ReadVerified`](crate::ReadVerified)) reject plain cookies at compile
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
pub trait ProtectedCookie: TypedCookie + SealedProtected {
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

/// The earlier types of a cookie type, newest first (`lineage`'s `NoPrevious` or
/// `Previous<P>`): the read pipeline's verify step tries their bindings, its decode step
/// converts their values. The derive names it; it is not meant to be implemented by hand.
#[doc(hidden)]
pub trait Lineage<T> {
    /// How many earlier generations there are. A cycle of `previous` declarations makes this
    /// constant depend on itself, which the compiler reports.
    const DEPTH: u8;

    /// The spec of generation `generation` (1: the previous type, 2: its previous, …), `None`
    /// past the last.
    fn spec(generation: u8) -> Option<CookieSpec>;

    /// Decodes a payload written by generation `generation` and converts it to `T`.
    ///
    /// # Errors
    /// [`Error::Malformed`] when it does not decode.
    fn decode(generation: u8, payload: &[u8]) -> Result<T, Error>;
}

/// Whether a cookie type's reads need a keyring.
#[doc(hidden)]
pub trait KeyNeed {}
/// A plain cookie: no keyring.
#[doc(hidden)]
pub enum Plain {}
/// A signed or sealed cookie: a keyring.
#[doc(hidden)]
pub enum Protected {}
impl KeyNeed for Plain {}
impl KeyNeed for Protected {}

/// Only `#[derive(Cookie)]` marks a type as [`ProtectedCookie`], and only for signed and
/// sealed types.
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a signed or sealed cookie declared with `#[derive(Cookie)]`",
    note = "declare it with `#[derive(Cookie)]` and `#[cookie(signed)]` or `#[cookie(sealed)]`; `ProtectedCookie` cannot be implemented by hand"
)]
pub trait SealedProtected {}
