//! Helpers for handler tests (feature `testing`, meant for `[dev-dependencies]`): the `Cookie`
//! request header a browser would send for a value, expired, older and tampered variants of it,
//! the typed value back from a response's `Set-Cookie` lines with its attributes checked against
//! the type, and a snapshot of every cookie type's schema fingerprint ([`Fingerprints`]), so a
//! type changed without `previous` fails a test before it logs everyone out.
//!
//! ```
//! use serde::{Deserialize, Serialize};
//! use typed_cookies::{Cookie, Keyring, testing};
//!
//! #[derive(Cookie, Serialize, Deserialize, Debug, PartialEq)]
//! #[cookie(name = "__Host-session", sealed, expires = "1h")]
//! struct Session { user_id: u64 }
//!
//! let keys = Keyring::generate();
//! let header = testing::cookie_header(&Session { user_id: 7 }, Some(&keys))?;
//! assert_eq!(Session::from_header(&header, &keys)?, Some(Session { user_id: 7 }));
//!
//! let expired = testing::expired_cookie_header(&Session { user_id: 7 }, Some(&keys))?;
//! assert_eq!(Session::from_header(&expired, &keys), Err(typed_cookies::Error::Expired));
//!
//! // What a handler answered, as Set-Cookie lines:
//! let lines = [Session { user_id: 8 }.to_set_cookie(&keys)?];
//! assert_eq!(testing::from_set_cookie::<Session, _>(&lines, Some(&keys))?, Some(Session { user_id: 8 }));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod fingerprints;

use core::fmt;
use std::time::{Duration, SystemTime};

pub use fingerprints::Fingerprints;

use crate::{Error, Keyring, TypedCookie};

/// The `Cookie` request header (`name=value`) a browser sends after receiving `value`.
///
/// ```
/// use serde::{Deserialize, Serialize};
/// use typed_cookies::{Cookie, testing};
///
/// #[derive(Cookie, Serialize, Deserialize, Debug, PartialEq)]
/// #[cookie(name = "theme", plain, httponly = false)]
/// struct Theme(String);
///
/// let header = testing::cookie_header(&Theme("dark".into()), None)?;
/// assert_eq!(header, "theme=dark");
/// # Ok::<(), typed_cookies::Error>(())
/// ```
///
/// # Errors
/// As the type's `to_set_cookie`.
pub fn cookie_header<T: TypedCookie>(value: &T, keys: Option<&Keyring>) -> Result<String, Error> {
    let line = T::SPEC.write(value, keys)?;
    Ok(pair(&line).to_owned())
}

/// [`cookie_header`] for a cookie issued so long ago that it has expired: one second past the
/// type's lifetime.
///
/// ```
/// use serde::{Deserialize, Serialize};
/// use typed_cookies::{Cookie, Error, Keyring, testing};
///
/// #[derive(Cookie, Serialize, Deserialize, Debug, PartialEq)]
/// #[cookie(name = "__Host-session", sealed, expires = "1h")]
/// struct Session { user_id: u64 }
///
/// let keys = Keyring::generate();
/// let old = testing::expired_cookie_header(&Session { user_id: 7 }, Some(&keys))?;
/// assert_eq!(Session::from_header(&old, &keys), Err(Error::Expired));
/// # Ok::<(), Error>(())
/// ```
///
/// # Errors
/// [`Error::Misconfigured`] for a type without `expires`, which never expires; otherwise as
/// [`cookie_header`].
pub fn expired_cookie_header<T: TypedCookie>(
    value: &T,
    keys: Option<&Keyring>,
) -> Result<String, Error> {
    let lifetime = T::SPEC
        .expires_secs()
        .ok_or(Error::Misconfigured("the type has no lifetime to expire"))?;
    cookie_header_issued(value, keys, Duration::from_secs(lifetime + 1))
}

/// [`cookie_header`] for a cookie issued `ago` before now: for a sliding session
/// (`refresh`), one due to be issued again, to test that a handler behind the re-issue layer
/// answers with a new `Set-Cookie`. Its session began then, too.
///
/// ```
/// use std::time::Duration;
/// use serde::{Deserialize, Serialize};
/// use typed_cookies::{Cookie, Keyring, testing};
///
/// #[derive(Cookie, Serialize, Deserialize, Debug, PartialEq)]
/// #[cookie(name = "__Host-session", sealed, expires = "2h", refresh = "15m")]
/// struct Session { user_id: u64 }
///
/// let keys = Keyring::generate();
/// let header = testing::cookie_header_issued(&Session { user_id: 7 }, Some(&keys), Duration::from_secs(20 * 60))?;
/// assert!(Session::from_header_verified(&header, &keys)?.unwrap().is_due());
/// # Ok::<(), typed_cookies::Error>(())
/// ```
///
/// # Errors
/// As [`cookie_header`].
pub fn cookie_header_issued<T: TypedCookie>(
    value: &T,
    keys: Option<&Keyring>,
    ago: Duration,
) -> Result<String, Error> {
    let then = SystemTime::now() - ago;
    Ok(pair(&T::SPEC.write_at(value, keys, then)?).to_owned())
}

/// [`cookie_header`] with one byte of the value's authentication tag changed: the cookie of a
/// client that tampered with it. A plain cookie has no tag; the next-to-last character of its
/// value changes.
///
/// ```
/// use serde::{Deserialize, Serialize};
/// use typed_cookies::{Cookie, Error, Keyring, testing};
///
/// #[derive(Cookie, Serialize, Deserialize, Debug, PartialEq)]
/// #[cookie(name = "cart", signed)]
/// struct Cart { items: u32 }
///
/// let keys = Keyring::generate();
/// let forged = testing::tampered_cookie_header(&Cart { items: 3 }, Some(&keys))?;
/// assert_eq!(Cart::from_header(&forged, &keys), Err(Error::Invalid));
///
/// // A plain value has no tag to break: it reads as something other than what was written,
/// // and one too short to change is refused rather than the name changed instead.
/// #[derive(Cookie, Serialize, Deserialize, Debug, PartialEq)]
/// #[cookie(name = "theme", plain, secure = false)]
/// struct Theme(String);
///
/// let changed = testing::tampered_cookie_header(&Theme("dark".into()), None)?;
/// assert!(changed.starts_with("theme="));
/// assert_ne!(Theme::from_header(&changed), Ok(Some(Theme("dark".into()))));
/// assert!(matches!(
///     testing::tampered_cookie_header(&Theme(String::new()), None),
///     Err(Error::Misconfigured(_))
/// ));
/// # Ok::<(), Error>(())
/// ```
///
/// # Errors
/// [`Error::Misconfigured`] for a plain value of fewer than two characters, which leaves
/// nothing to change; otherwise as [`cookie_header`].
pub fn tampered_cookie_header<T: TypedCookie>(
    value: &T,
    keys: Option<&Keyring>,
) -> Result<String, Error> {
    let mut header = cookie_header(value, keys)?.into_bytes();
    // The last base64url character carries only part of a byte; the one before it is all tag.
    let at = header.len().saturating_sub(2);
    if at <= T::SPEC.name().len() {
        return Err(Error::Misconfigured(
            "the value is too short to tamper with",
        ));
    }
    header[at] = if header[at] == b'A' { b'B' } else { b'A' };
    String::from_utf8(header).map_err(|_| Error::Serialize)
}

/// Why [`from_set_cookie`] failed.
///
/// ```
/// use serde::{Deserialize, Serialize};
/// use typed_cookies::{Cookie, Keyring, testing::{self, Mismatch}};
///
/// #[derive(Cookie, Serialize, Deserialize, Debug)]
/// #[cookie(name = "cart", signed)]
/// struct Cart { items: u32 }
///
/// let keys = Keyring::generate();
/// let line = Cart { items: 3 }.to_set_cookie(&keys)?;
/// // A handler that wrote the cookie with attributes of its own:
/// let moved = line.replace("; Path=/", "; Path=/shop");
/// assert!(matches!(
///     testing::from_set_cookie::<Cart, _>(&[moved], Some(&keys)),
///     Err(Mismatch::Attributes(_))
/// ));
/// // One read under another key:
/// assert!(matches!(
///     testing::from_set_cookie::<Cart, _>(&[line], Some(&Keyring::generate())),
///     Err(Mismatch::Read(typed_cookies::Error::Invalid))
/// ));
/// # Ok::<(), typed_cookies::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Mismatch {
    /// The cookie was found but did not read.
    Read(Error),
    /// The `Set-Cookie` line's attributes are not the type's: which ones, as text.
    Attributes(String),
}

impl fmt::Display for Mismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Mismatch::Read(e) => write!(f, "the cookie does not read: {e}"),
            Mismatch::Attributes(a) => write!(f, "the Set-Cookie attributes differ: {a}"),
        }
    }
}

impl std::error::Error for Mismatch {}

/// The value of cookie `T` among a response's `Set-Cookie` lines, after checking that the line
/// carries exactly the attributes the type declares. `Ok(None)` when no line sets `T` (a line
/// that deletes it counts as none).
///
/// ```
/// use serde::{Deserialize, Serialize};
/// use typed_cookies::{Cookie, Keyring, testing};
///
/// #[derive(Cookie, Serialize, Deserialize, Debug, PartialEq)]
/// #[cookie(name = "__Host-session", sealed, expires = "1h")]
/// struct Session { user_id: u64 }
///
/// let keys = Keyring::generate();
/// let login = [Session { user_id: 7 }.to_set_cookie(&keys)?];
/// assert_eq!(testing::from_set_cookie::<Session, _>(&login, Some(&keys))?, Some(Session { user_id: 7 }));
/// let logout = [Session::removal()];
/// assert_eq!(testing::from_set_cookie::<Session, _>(&logout, Some(&keys))?, None);
/// // A line with other attributes than the type's is a mismatch, not a value.
/// let altered = [login[0].replace("; HttpOnly", "")];
/// assert!(testing::from_set_cookie::<Session, _>(&altered, Some(&keys)).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
/// [`Mismatch::Attributes`] when the line's attributes differ from the type's,
/// [`Mismatch::Read`] when its value does not read.
pub fn from_set_cookie<T: TypedCookie, L: AsRef<str>>(
    lines: &[L],
    keys: Option<&Keyring>,
) -> Result<Option<T>, Mismatch> {
    let name = T::SPEC.name();
    let Some(line) = lines
        .iter()
        .map(AsRef::as_ref)
        .rfind(|l| pair(l).split_once('=').is_some_and(|(n, _)| n == name))
    else {
        return Ok(None);
    };
    if line.contains("; Max-Age=0") {
        return Ok(None);
    }
    let expected = attributes(&crate::render::set_cookie(
        &T::SPEC,
        crate::render::Value::Text(""),
        T::SPEC.expires_secs(),
        T::SPEC.expires_secs(),
    ));
    let got = attributes(line);
    if got != expected {
        return Err(Mismatch::Attributes(format!(
            "expected {expected:?}, got {got:?}"
        )));
    }
    crate::read::read::<T, str>(pair(line), keys, crate::clock::now_secs()).map_err(Mismatch::Read)
}

/// Every line of `headers` named `Set-Cookie`, in order; values that are not text are left out.
///
/// ```
/// use http::{HeaderMap, HeaderValue, header::SET_COOKIE};
///
/// let mut headers = HeaderMap::new();
/// headers.append(SET_COOKIE, HeaderValue::from_static("a=1; Path=/"));
/// headers.append(SET_COOKIE, HeaderValue::from_static("b=2; Path=/"));
/// assert_eq!(typed_cookies::testing::set_cookie_lines(&headers), ["a=1; Path=/", "b=2; Path=/"]);
/// ```
#[cfg(feature = "http")]
#[must_use]
pub fn set_cookie_lines(headers: &http::HeaderMap) -> Vec<String> {
    headers
        .get_all(http::header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok().map(str::to_owned))
        .collect()
}

fn pair(line: &str) -> &str {
    line.split(';').next().unwrap_or_default()
}

/// The attributes of a `Set-Cookie` line, without `Expires` (which moves with the clock).
fn attributes(line: &str) -> Vec<String> {
    line.split("; ")
        .skip(1)
        .filter(|a| !a.starts_with("Expires="))
        .map(str::to_owned)
        .collect()
}
