//! Other frameworks' cookies as types: Flask's session, Django's session and signed cookies,
//! each behind its cargo feature, so that a Rust endpoint shares a login with the app it is
//! replacing.
//!
//! A foreign cookie is declared like a native one, with `format = "..."`:
//!
//! ```
//! # #[cfg(feature = "flask")] {
//! use serde::{Deserialize, Serialize};
//! use typed_cookies::Cookie;
//! use typed_cookies::interop::flask::FlaskSecret;
//!
//! #[derive(Cookie, Serialize, Deserialize, Debug, PartialEq)]
//! #[cookie(name = "session", format = "flask", secure = false, same_site = "lax")]
//! struct FlaskSession {
//!     #[serde(rename = "_user_id")]
//!     user_id: String,
//!     // Everything else Flask keeps in the session (Flask-Login's keys, a CSRF token, ...):
//!     #[serde(flatten)]
//!     rest: serde_json::Map<String, serde_json::Value>,
//! }
//!
//! let secret = FlaskSecret::new("the Flask app's SECRET_KEY");
//! let line = FlaskSession { user_id: "7".into(), rest: Default::default() }.to_set_cookie(&secret)?;
//! let back = FlaskSession::from_header(line.split(';').next().unwrap(), &secret)?.unwrap();
//! assert_eq!(back.user_id, "7");
//! # }
//! # Ok::<(), typed_cookies::Error>(())
//! ```
//!
//! The methods take that framework's secret type ([`flask::FlaskSecret`],
//! [`django::DjangoSecret`]), so a [`Keyring`](crate::Keyring), or one framework's secret for
//! another's cookie, does not compile. The browser attributes follow the same rules and
//! defaults as native cookies; set them to match the old app where both must see one cookie.
//!
//! These formats are weaker than the native ones (SECURITY.md says how): use them for the
//! migration, then move the login to a native sealed cookie.

#[cfg(any(feature = "flask", feature = "django"))]
mod ascii_json;
#[cfg(feature = "django")]
#[cfg_attr(docsrs, doc(cfg(feature = "django")))]
pub mod django;
#[cfg(feature = "flask")]
#[cfg_attr(docsrs, doc(cfg(feature = "flask")))]
pub mod flask;
#[cfg(feature = "rails")]
#[cfg_attr(docsrs, doc(cfg(feature = "rails")))]
pub mod rails;

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::header::{self, CookieHeaders};
use crate::spec::CookieSpec;
use crate::{Error, render};

/// What a foreign format needs to know about the cookie it reads or writes.
#[doc(hidden)]
pub struct Context<'a> {
    /// The cookie's name.
    pub name: &'a str,
    /// The salt of the cookie type (Django signed cookies).
    pub salt: &'a str,
    /// Now, in Unix seconds.
    pub now: u64,
    /// The oldest a value may be, in seconds, if reads check an age.
    pub max_age: Option<u64>,
}

/// Another framework's cookie format. Implemented by this crate's format types only.
///
/// ```
/// use typed_cookies::interop::ForeignFormat;
/// use typed_cookies::interop::flask::{Flask, FlaskSecret};
///
/// // Flask's own session lifetime applies to types without `expires`: 31 days.
/// assert_eq!(Flask::DEFAULT_MAX_AGE, Some(31 * 86_400));
/// fn secret_of<F: ForeignFormat<Secret = FlaskSecret>>() {}
/// secret_of::<Flask>();
/// ```
pub trait ForeignFormat: sealed::Sealed {
    /// The secret type of the framework, which reads and writes need.
    type Secret;

    /// The age past which the framework itself refuses a cookie, for types without `expires`.
    const DEFAULT_MAX_AGE: Option<u64>;

    /// The cookie value for `value`.
    #[doc(hidden)]
    fn encode<T: Serialize + ?Sized>(
        value: &T,
        secret: &Self::Secret,
        cx: &Context<'_>,
    ) -> Result<String, Error>;

    /// The value of one cookie value, verified.
    #[doc(hidden)]
    fn decode<T: DeserializeOwned>(
        text: &[u8],
        secret: &Self::Secret,
        cx: &Context<'_>,
    ) -> Result<T, Error>;
}

mod sealed {
    pub trait Sealed {}
}

/// A cookie type declared with `format = "..."`: another framework's cookie.
/// `#[derive(Cookie)]` implements it.
///
/// ```
/// use serde::{Deserialize, Serialize};
/// use typed_cookies::Cookie;
/// use typed_cookies::interop::ForeignCookie;
///
/// #[derive(Cookie, Serialize, Deserialize)]
/// #[cookie(name = "sessionid", format = "django", secure = false)]
/// struct DjangoSession { user: String }
///
/// assert_eq!(DjangoSession::SPEC.name(), "sessionid");
/// assert_eq!(DjangoSession::SALT, "");
/// ```
pub trait ForeignCookie: Serialize + DeserializeOwned {
    /// The cookie's name and browser attributes.
    const SPEC: CookieSpec;
    /// The salt (Django signed cookies' `salt` argument; empty elsewhere).
    const SALT: &'static str;
    /// The framework's format.
    type Format: ForeignFormat;
}

fn context<T: ForeignCookie>(now: u64) -> Context<'static> {
    Context {
        name: T::SPEC.name,
        salt: T::SALT,
        now,
        max_age: T::SPEC.expires.or(T::Format::DEFAULT_MAX_AGE),
    }
}

/// What the derive's `to_set_cookie` calls for a foreign cookie.
#[doc(hidden)]
pub fn write<T: ForeignCookie>(
    value: &T,
    secret: &<T::Format as ForeignFormat>::Secret,
) -> Result<String, Error> {
    write_at(value, secret, crate::clock::now_secs())
}

/// [`write`] at a given time.
#[doc(hidden)]
pub fn write_at<T: ForeignCookie>(
    value: &T,
    secret: &<T::Format as ForeignFormat>::Secret,
    now: u64,
) -> Result<String, Error> {
    let text = T::Format::encode(value, secret, &context::<T>(now))?;
    if T::SPEC.name.len() + text.len() > crate::wire::MAX_COOKIE_LEN {
        return Err(Error::TooLarge {
            len: T::SPEC.name.len() + text.len(),
            max: crate::wire::MAX_COOKIE_LEN,
        });
    }
    let expires_at = T::SPEC.expires.map(|age| now.saturating_add(age));
    Ok(render::set_cookie(
        &T::SPEC,
        render::Value::Text(&text),
        T::SPEC.expires,
        expires_at,
    ))
}

/// What the derive's `from_header` calls for a foreign cookie: every copy of the name is
/// tried, as for native cookies.
#[doc(hidden)]
pub fn read<T: ForeignCookie, H: CookieHeaders + ?Sized>(
    headers: &H,
    secret: &<T::Format as ForeignFormat>::Secret,
) -> Result<Option<T>, Error> {
    read_at(headers, secret, crate::clock::now_secs())
}

/// [`read`] at a given time.
#[doc(hidden)]
pub fn read_at<T: ForeignCookie, H: CookieHeaders + ?Sized>(
    headers: &H,
    secret: &<T::Format as ForeignFormat>::Secret,
    now: u64,
) -> Result<Option<T>, Error> {
    let cx = context::<T>(now);
    crate::read::first_ok(header::values(headers, T::SPEC.name), |text| {
        T::Format::decode(text, secret, &cx)
    })
}

/// The line that deletes a foreign cookie.
#[doc(hidden)]
#[must_use]
pub fn removal<T: ForeignCookie>() -> String {
    render::removal(&T::SPEC)
}

/// The payload of itsdangerous and Django: base64url of the JSON, or, when zlib makes it shorter,
/// a dot and base64url of the compressed JSON.
#[cfg(any(feature = "flask", feature = "django"))]
fn dotted_payload(json: &[u8]) -> String {
    use base64::Engine as _;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let mut out = String::with_capacity(json.len() * 4 / 3 + 64);
    match maybe_compress(json) {
        Some(z) => {
            out.push('.');
            URL_SAFE_NO_PAD.encode_string(z, &mut out);
        }
        None => URL_SAFE_NO_PAD.encode_string(json, &mut out),
    }
    out
}

/// The JSON of a [`dotted_payload`], decompressed when it starts with a dot.
#[cfg(any(feature = "flask", feature = "django"))]
fn undotted_payload(payload: &[u8]) -> Result<Vec<u8>, Error> {
    use base64::Engine as _;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    match payload.strip_prefix(b".") {
        Some(z) => decompress(&URL_SAFE_NO_PAD.decode(z).map_err(|_| Error::Malformed)?),
        None => URL_SAFE_NO_PAD
            .decode(payload)
            .map_err(|_| Error::Malformed),
    }
}

/// `zlib` compression, used only when it makes the value shorter by more than one byte, as
/// itsdangerous and Django do.
#[cfg(any(feature = "flask", feature = "django"))]
fn maybe_compress(json: &[u8]) -> Option<Vec<u8>> {
    use std::io::Write as _;
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    z.write_all(json).ok()?;
    let compressed = z.finish().ok()?;
    (compressed.len() + 1 < json.len()).then_some(compressed)
}

/// Inflates at most [`MAX_INFLATED`] bytes: a small cookie must not become a large allocation.
#[cfg(any(feature = "flask", feature = "django"))]
fn decompress(data: &[u8]) -> Result<Vec<u8>, Error> {
    use std::io::Read as _;
    let mut out = Vec::new();
    flate2::read::ZlibDecoder::new(data)
        .take(MAX_INFLATED as u64 + 1)
        .read_to_end(&mut out)
        .map_err(|_| Error::Malformed)?;
    if out.len() > MAX_INFLATED {
        return Err(Error::Malformed);
    }
    Ok(out)
}

/// The largest decompressed payload a read accepts.
#[cfg(any(feature = "flask", feature = "django"))]
const MAX_INFLATED: usize = 64 * 1024;

#[cfg(all(test, any(feature = "flask", feature = "django")))]
mod tests {
    use super::*;

    /// A zlib stream of `len` zero bytes: a few hundred bytes that inflate to `len`.
    fn zeros(len: usize) -> Vec<u8> {
        use std::io::Write as _;
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        z.write_all(&vec![0; len]).unwrap();
        z.finish().unwrap()
    }

    #[test]
    fn inflation_stops_at_the_limit() {
        let at_limit = zeros(MAX_INFLATED);
        assert!(at_limit.len() < 1024);
        assert_eq!(decompress(&at_limit).map(|v| v.len()), Ok(MAX_INFLATED));
        assert_eq!(decompress(&zeros(MAX_INFLATED + 1)), Err(Error::Malformed));
        assert_eq!(decompress(&zeros(64 * MAX_INFLATED)), Err(Error::Malformed));
        assert_eq!(decompress(b"not zlib"), Err(Error::Malformed));
    }
}
