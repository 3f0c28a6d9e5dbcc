//! CSRF tokens bound to a signed or sealed session cookie, for browsers without fetch metadata
//! and for applications that want tokens as well as [`CrossOriginProtection`](crate::CrossOriginProtection).
//!
//! ```text
//! token = base64url(HMAC-SHA256(K_csrf, "typed-cookies csrf v1" 0x00 name 0x00 value)[..16])
//! ```
//!
//! where `value` is the session cookie's value as the browser sends it and `K_csrf` is a subkey
//! of the key that wrote it. A token is therefore good for one session cookie only: another
//! session's token fails, and so does the old token once the session is written again (a
//! login, a rotation to a new key), or once the session no longer verifies (expired, revoked).
//!
//! A session type that declares `refresh` or `max_lifetime` carries its session's origin (login
//! time and a random session id) through every re-issue; its token is bound to the origin
//! instead of the value, so a refresh keeps the page's token good while a new login does not:
//!
//! ```text
//! token = base64url(HMAC-SHA256(K_csrf, "typed-cookies csrf session v1" 0x00 name 0x00
//!                               login-at (8 bytes) || session id (8 bytes))[..16])
//! ```

use core::fmt;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::Mac as _;

use crate::clock::now_secs;
use crate::cookie::ProtectedCookie;
use crate::error::Error;
use crate::header::{self, CookieHeaders};
use crate::keyring::{Key, Keyring};
use crate::read;
use crate::session::origin::Origin;
use crate::verified::Verified;

/// The length of a token's MAC, in bytes (22 base64url characters).
const TOKEN_LEN: usize = 16;

/// A request whose CSRF token matches its session cookie `T`: the extractor refuses the request
/// with `403 Forbidden` otherwise. The token comes from the `X-CSRF-Token` header; [`CsrfForm`]
/// takes it from a form field instead. The keyring comes from state as for
/// [`ReadCookie`](crate::ReadCookie).
///
/// ```
/// use serde::{Deserialize, Serialize};
/// use typed_cookies::{Cookie, CsrfChecked};
///
/// #[derive(Cookie, Serialize, Deserialize)]
/// #[cookie(name = "__Host-session", sealed, expires = "2h")]
/// struct Session { user_id: u64 }
///
/// async fn transfer(CsrfChecked(session): CsrfChecked<Session>) -> String {
///     format!("user {} transfers", session.user_id)
/// }
/// ```
#[derive(Debug, Clone)]
pub struct CsrfChecked<T>(pub Verified<T>);

/// A form body of type `F` whose `csrf_token` field matches the session cookie `T`; anything
/// else is refused with `403 Forbidden` (a form that does not parse as `F`, `400`; a body that
/// is not form-encoded, such as JSON, `415`). A form of nothing but the token, such as a logout
/// button, is `CsrfForm<T, ()>`.
///
/// ```
/// use serde::{Deserialize, Serialize};
/// use typed_cookies::{Cookie, CsrfForm};
///
/// #[derive(Cookie, Serialize, Deserialize)]
/// #[cookie(name = "__Host-session", sealed, expires = "2h")]
/// struct Session { user_id: u64 }
///
/// #[derive(Deserialize)]
/// struct Transfer { to: String, cents: u64 }
///
/// async fn transfer(CsrfForm(session, form): CsrfForm<Session, Transfer>) -> String {
///     format!("user {} sends {} to {}", session.user_id, form.cents, form.to)
/// }
/// // A logout button: `<form method=post><input type=hidden name=csrf_token value=…></form>`.
/// async fn logout(_: CsrfForm<Session, ()>) -> &'static str {
///     "logged out"
/// }
/// ```
#[derive(Debug, Clone)]
pub struct CsrfForm<T, F>(
    /// The session, verified.
    pub Verified<T>,
    /// The form's other fields.
    pub F,
);

/// The header that carries a CSRF token.
pub const CSRF_HEADER: &str = "x-csrf-token";
/// The form field that carries a CSRF token.
pub const CSRF_FIELD: &str = "csrf_token";

/// A CSRF token for one session cookie: put it into forms (a hidden `csrf_token` field) or
/// send it back in an `X-CSRF-Token` header; check it with [`CsrfToken::check`] or the
/// framework extractors.
///
/// ```
/// use serde::{Deserialize, Serialize};
/// use typed_cookies::{Cookie, CsrfToken, Keyring};
///
/// #[derive(Cookie, Serialize, Deserialize)]
/// #[cookie(name = "__Host-session", sealed, expires = "1h")]
/// struct Session { user_id: u64 }
///
/// let keys = Keyring::generate();
/// let line = Session { user_id: 7 }.to_set_cookie(&keys)?;
/// let header = line.split(';').next().unwrap();
/// let token = CsrfToken::for_session::<Session, _>(header, &keys)?.unwrap();
/// assert!(CsrfToken::check::<Session, _>(header, &keys, Some(token.as_str())).is_ok());
/// assert!(CsrfToken::check::<Session, _>(header, &keys, Some("forged")).is_err());
/// # Ok::<(), typed_cookies::Error>(())
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct CsrfToken(String);

impl fmt::Debug for CsrfToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("CsrfToken(..)")
    }
}

/// The token itself, for templates.
impl fmt::Display for CsrfToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Why a CSRF check failed. Every case answers `403 Forbidden` in the integrations.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum CsrfRejection {
    /// No valid session: absent, malformed, forged, expired or revoked.
    NoSession,
    /// No token was sent.
    MissingToken,
    /// The token is not this session's.
    WrongToken,
    /// [`CsrfToken::check`] through a keyring whose revocation store answers only
    /// asynchronously: it cannot tell whether the session is revoked. The CSRF extractors ask
    /// it asynchronously.
    RevocationNeedsAsync,
}

impl fmt::Display for CsrfRejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            CsrfRejection::NoSession => "CSRF check failed: no valid session",
            CsrfRejection::MissingToken => "CSRF check failed: no token was sent",
            CsrfRejection::WrongToken => "CSRF check failed: the token is not this session's",
            CsrfRejection::RevocationNeedsAsync => {
                "CSRF check refused: the revocation store answers only asynchronously; use the \
                 CSRF extractors"
            }
        })
    }
}

impl std::error::Error for CsrfRejection {}

impl CsrfToken {
    /// The token for the session cookie `T` in `headers` (the first copy that verifies), or
    /// `None` when there is no valid session.
    ///
    /// # Errors
    /// As `T::from_header` when every copy fails.
    ///
    /// ```
    /// # use serde::{Deserialize, Serialize};
    /// # #[derive(typed_cookies::Cookie, Serialize, Deserialize)]
    /// # #[cookie(name = "__Host-session", sealed)]
    /// # struct Session { user_id: u64 }
    /// let keys = typed_cookies::Keyring::generate();
    /// let none = typed_cookies::CsrfToken::for_session::<Session, _>("other=1", &keys)?;
    /// assert!(none.is_none());
    /// # Ok::<(), typed_cookies::Error>(())
    /// ```
    pub fn for_session<T: ProtectedCookie, H: CookieHeaders + ?Sized>(
        headers: &H,
        keys: &Keyring,
    ) -> Result<Option<CsrfToken>, Error> {
        // Minting asks no revocation store: a token is worth nothing without a session that
        // `check` and the extractors, which do ask, admit.
        Ok(session::<T, H>(headers, keys)?.map(|(_, token)| token))
    }

    /// The token for a session cookie being set in this response (a login): `line` is the
    /// `Set-Cookie` value that `to_set_cookie` returned.
    ///
    /// # Errors
    /// As `T::from_header` when `line` is not a valid cookie of `T`.
    ///
    /// ```
    /// # use serde::{Deserialize, Serialize};
    /// # #[derive(typed_cookies::Cookie, Serialize, Deserialize)]
    /// # #[cookie(name = "__Host-session", sealed)]
    /// # struct Session { user_id: u64 }
    /// let keys = typed_cookies::Keyring::generate();
    /// let line = Session { user_id: 1 }.to_set_cookie(&keys)?;
    /// let token = typed_cookies::CsrfToken::for_set_cookie::<Session>(&line, &keys)?;
    /// assert_eq!(token.as_str().len(), 22);
    /// # Ok::<(), typed_cookies::Error>(())
    /// ```
    pub fn for_set_cookie<T: ProtectedCookie>(
        line: &str,
        keys: &Keyring,
    ) -> Result<CsrfToken, Error> {
        let pair = line.split(';').next().unwrap_or_default();
        Self::for_session::<T, str>(pair, keys)?.ok_or(Error::Invalid)
    }

    /// The token's text.
    ///
    /// ```
    /// # use serde::{Deserialize, Serialize};
    /// # #[derive(typed_cookies::Cookie, Serialize, Deserialize)]
    /// # #[cookie(name = "__Host-session", sealed)]
    /// # struct Session { user_id: u64 }
    /// # let keys = typed_cookies::Keyring::generate();
    /// # let line = Session { user_id: 1 }.to_set_cookie(&keys)?;
    /// let token = typed_cookies::CsrfToken::for_set_cookie::<Session>(&line, &keys)?;
    /// assert!(token.as_str().bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
    /// # Ok::<(), typed_cookies::Error>(())
    /// ```
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Checks `presented` against the session cookie `T` in `headers`, and returns the session
    /// when it matches.
    ///
    /// # Errors
    /// [`CsrfRejection::NoSession`] without a valid session (a revoked one included, when
    /// the keyring has revocations), [`CsrfRejection::MissingToken`] without a token,
    /// [`CsrfRejection::WrongToken`] for any other token (compared in constant time),
    /// [`CsrfRejection::RevocationNeedsAsync`] when the keyring's revocation store answers
    /// only asynchronously (use the CSRF extractors).
    ///
    /// ```
    /// # use serde::{Deserialize, Serialize};
    /// # #[derive(typed_cookies::Cookie, Serialize, Deserialize)]
    /// # #[cookie(name = "__Host-session", sealed)]
    /// # struct Session { user_id: u64 }
    /// use typed_cookies::CsrfToken;
    /// use typed_cookies::csrf::CsrfRejection;
    /// let keys = typed_cookies::Keyring::generate();
    /// assert_eq!(
    ///     CsrfToken::check::<Session, _>("", &keys, Some("x")).err(),
    ///     Some(CsrfRejection::NoSession),
    /// );
    /// ```
    pub fn check<T: ProtectedCookie, H: CookieHeaders + ?Sized>(
        headers: &H,
        keys: &Keyring,
        presented: Option<&str>,
    ) -> Result<Verified<T>, CsrfRejection> {
        let session = check_token::<T, H>(headers, keys, presented)?;
        read::admit_now(session, keys).map_err(|e| match e {
            Error::RevocationNeedsAsync => CsrfRejection::RevocationNeedsAsync,
            _ => CsrfRejection::NoSession,
        })
    }
}

/// [`CsrfToken::check`] with revocation left to the caller: the CSRF extractors ask the
/// revocation hook asynchronously.
///
/// # Errors
/// As [`CsrfToken::check`].
pub(crate) fn check_token<T: ProtectedCookie, H: CookieHeaders + ?Sized>(
    headers: &H,
    keys: &Keyring,
    presented: Option<&str>,
) -> Result<Verified<T>, CsrfRejection> {
    use subtle::ConstantTimeEq as _;
    let Some((session, expected)) = session::<T, H>(headers, keys).ok().flatten() else {
        return Err(CsrfRejection::NoSession);
    };
    let presented = presented
        .filter(|p| !p.is_empty())
        .ok_or(CsrfRejection::MissingToken)?;
    if bool::from(presented.as_bytes().ct_eq(expected.0.as_bytes())) {
        Ok(session)
    } else {
        Err(CsrfRejection::WrongToken)
    }
}

/// The first copy of `T` that verifies, and its token.
fn session<T: ProtectedCookie, H: CookieHeaders + ?Sized>(
    headers: &H,
    keys: &Keyring,
) -> Result<Option<(Verified<T>, CsrfToken)>, Error> {
    let () = T::PROTECTED;
    let now = now_secs();
    read::first_ok(header::find(headers, T::SPEC.name()), |text| {
        let session = read::open::<T>(text, keys, now)?;
        let (key, _) = keys.find(session.key_id()).ok_or(Error::Invalid)?;
        let token = match session.stamp.origin {
            Some(origin) => token(key, T::SPEC.name(), Bound::Origin(&origin)),
            None => token(key, T::SPEC.name(), Bound::Value(text)),
        };
        Ok((session, token))
    })
}

/// What a token is bound to: the session's origin when the cookie carries one, else the
/// cookie's value as the browser sends it.
pub(crate) enum Bound<'a> {
    Origin(&'a Origin),
    Value(&'a [u8]),
}

/// The token of the session cookie `name` bound to `bound`, under the key that wrote it.
pub(crate) fn token(key: &Key, name: &str, bound: Bound<'_>) -> CsrfToken {
    let mut mac = key.csrf.clone();
    match bound {
        Bound::Origin(origin) => {
            mac.update(b"typed-cookies csrf session v1\0");
            mac.update(name.as_bytes());
            mac.update(b"\0");
            mac.update(&origin.to_bytes());
        }
        Bound::Value(text) => {
            mac.update(b"typed-cookies csrf v1\0");
            mac.update(name.as_bytes());
            mac.update(b"\0");
            mac.update(text);
        }
    }
    let tag = mac.finalize().into_bytes();
    CsrfToken(URL_SAFE_NO_PAD.encode(&tag[..TOKEN_LEN]))
}
