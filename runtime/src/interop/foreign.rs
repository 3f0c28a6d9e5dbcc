//! The traits of foreign formats and cookies, and the reads and writes the derive calls.

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::error::Error;
use crate::header::{self, CookieHeaders};
use crate::spec::CookieSpec;
use crate::{read as pipeline, render};

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
pub trait ForeignFormat: Sealed {
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

/// Only this crate's format types are foreign formats.
#[doc(hidden)]
pub trait Sealed {}

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
    T::SPEC.check_len(text.len())?;
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
    pipeline::first_ok(header::find(headers, T::SPEC.name), |text| {
        T::Format::decode(text, secret, &cx)
    })
}

/// The line that deletes a foreign cookie.
#[doc(hidden)]
#[must_use]
pub fn removal<T: ForeignCookie>() -> String {
    render::removal(&T::SPEC)
}
