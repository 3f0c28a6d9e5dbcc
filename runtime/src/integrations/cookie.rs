//! Conversion into the [`cookie`](https://docs.rs/cookie) crate's `Cookie`, for code and
//! frameworks built on it (Rocket, tower-cookies, axum-extra jars).
//!
//! ```
//! use typed_cookies::CookieSpec;
//!
//! let line = CookieSpec::new("theme").http_only(false).expires(60).write("dark", None)?;
//! let c = typed_cookies::integrations::cookie::to_cookie(&line)?;
//! assert_eq!((c.name(), c.value()), ("theme", "dark"));
//! assert_eq!(c.secure(), Some(true));
//! assert_eq!(c.max_age(), Some(cookie::time::Duration::seconds(60)));
//! # Ok::<(), typed_cookies::Error>(())
//! ```

use crate::Error;

/// Parses a rendered `Set-Cookie` value into a `cookie::Cookie` with every attribute.
///
/// # Errors
/// [`Error::InvalidLine`] when `line` is not a `Set-Cookie` value; lines this crate renders
/// always are.
///
/// ```
/// let c = typed_cookies::integrations::cookie::to_cookie("a=1; Path=/; HttpOnly")?;
/// assert_eq!(c.http_only(), Some(true));
/// # Ok::<(), typed_cookies::Error>(())
/// ```
pub fn to_cookie(line: &str) -> Result<::cookie::Cookie<'static>, Error> {
    ::cookie::Cookie::parse(line.to_owned()).map_err(|_| Error::InvalidLine)
}
