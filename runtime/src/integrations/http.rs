//! Reading from and writing to the [`http`](https://docs.rs/http) crate's types.
//!
//! With the `http` feature (on by default) every read accepts an [`http::HeaderMap`] and
//! reads all of its `Cookie` headers (HTTP/2 clients send one per cookie), and
//! [`header_value`] turns a rendered `Set-Cookie` line into an [`http::HeaderValue`].
//!
//! ```
//! use http::{HeaderMap, HeaderValue, header::COOKIE};
//! use typed_cookies::CookieSpec;
//!
//! let mut headers = HeaderMap::new();
//! headers.append(COOKIE, HeaderValue::from_static("lang=en"));
//! headers.append(COOKIE, HeaderValue::from_static("theme=dark"));
//! let theme: Option<String> = CookieSpec::new("theme").read(&headers, None)?;
//! assert_eq!(theme.as_deref(), Some("dark"));
//! # Ok::<(), typed_cookies::Error>(())
//! ```

pub use ::http::{HeaderMap, HeaderValue};

use crate::{CookieHeaders, Error};

impl CookieHeaders for HeaderMap {
    fn cookie_headers(&self) -> impl Iterator<Item = &[u8]> {
        self.get_all(::http::header::COOKIE)
            .into_iter()
            .map(HeaderValue::as_bytes)
    }
}

impl CookieHeaders for HeaderValue {
    fn cookie_headers(&self) -> impl Iterator<Item = &[u8]> {
        core::iter::once(self.as_bytes())
    }
}

/// A rendered `Set-Cookie` line as a header value, marked sensitive so HTTP/2 encoders keep it
/// out of compression tables.
///
/// # Errors
/// [`Error::InvalidLine`] when `line` holds bytes a header cannot carry; lines this crate renders
/// never do.
///
/// ```
/// use typed_cookies::{CookieSpec, integrations::http::header_value};
///
/// let line = CookieSpec::new("theme").write("dark", None)?;
/// let value = header_value(line)?;
/// assert!(value.is_sensitive());
/// # Ok::<(), typed_cookies::Error>(())
/// ```
pub fn header_value(line: String) -> Result<HeaderValue, Error> {
    let mut value = HeaderValue::try_from(line).map_err(|_| Error::InvalidLine)?;
    value.set_sensitive(true);
    Ok(value)
}
