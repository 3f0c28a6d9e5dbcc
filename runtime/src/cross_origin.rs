//! Protection against cross-site request forgery without tokens: state-changing requests that
//! a browser marks as cross-site are refused, the way Go 1.25's `http.CrossOriginProtection`
//! and OWASP's fetch-metadata guidance do it.
//!
//! 1. `GET`, `HEAD` and `OPTIONS` always pass: they must not change state.
//! 2. `Sec-Fetch-Site` (sent by every browser since 2023): `same-origin` and `none` (the user
//!    typed the address or used a bookmark) pass; `same-site` and `cross-site` are refused.
//! 3. Without it, `Origin` is compared with the request's `Host`: equal hosts pass, others are
//!    refused; a request with neither header is not from a browser, and passes.
//! 4. A refused request still passes when its `Origin` is one of the trusted origins, or its
//!    path matches a bypass pattern.
//!
//! The integrations wrap it as a layer (axum) and a middleware (actix-web) that answer refused
//! requests with `403 Forbidden`.

use core::fmt;

/// The cross-origin checks, with their trusted origins and bypass patterns.
///
/// ```
/// use typed_cookies::CrossOriginProtection;
/// use typed_cookies::cross_origin::CrossOriginRejection;
///
/// let protection = CrossOriginProtection::new().trust_origin("https://app.example.com")?;
/// let check = |method, site, origin| protection.check(method, "/pay", Some("shop.example.com"), site, origin);
/// assert_eq!(check("POST", Some("same-origin"), None), Ok(()));
/// assert_eq!(check("POST", Some("cross-site"), None), Err(CrossOriginRejection::CrossSite));
/// assert_eq!(check("GET", Some("cross-site"), None), Ok(()));
/// assert_eq!(check("POST", Some("cross-site"), Some("https://app.example.com")), Ok(()));
/// # Ok::<(), typed_cookies::cross_origin::InvalidOrigin>(())
/// ```
#[derive(Debug, Clone, Default)]
#[must_use]
pub struct CrossOriginProtection {
    trusted: Vec<String>,
    bypass: Vec<String>,
}

/// Why a request was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum CrossOriginRejection {
    /// `Sec-Fetch-Site` says the request came from another site.
    CrossSite,
    /// There is no `Sec-Fetch-Site`, and `Origin` does not match `Host`: a cross-origin request
    /// from a browser too old to say so.
    OriginMismatch,
}

impl fmt::Display for CrossOriginRejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            CrossOriginRejection::CrossSite => {
                "cross-origin request refused: Sec-Fetch-Site says it came from another site"
            }
            CrossOriginRejection::OriginMismatch => {
                "cross-origin request refused, or the browser is out of date: Sec-Fetch-Site is missing and Origin does not match Host"
            }
        })
    }
}

impl std::error::Error for CrossOriginRejection {}

/// A trusted origin that is not of the form `scheme://host[:port]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidOrigin(pub String);

impl fmt::Display for InvalidOrigin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "invalid origin {:?}: write scheme://host[:port], without path, query or fragment",
            self.0
        )
    }
}

impl std::error::Error for InvalidOrigin {}

impl CrossOriginProtection {
    /// No trusted origins, no bypasses.
    ///
    /// ```
    /// let p = typed_cookies::CrossOriginProtection::new();
    /// assert!(p.check("POST", "/", Some("a.example"), Some("cross-site"), None).is_err());
    /// ```
    pub fn new() -> CrossOriginProtection {
        CrossOriginProtection::default()
    }

    /// Lets through every request whose `Origin` header is exactly `origin`, of the form
    /// `scheme://host[:port]`.
    ///
    /// # Errors
    /// [`InvalidOrigin`] when `origin` has no scheme or host, or has a path, query or
    /// fragment.
    ///
    /// ```
    /// use typed_cookies::CrossOriginProtection;
    /// assert!(CrossOriginProtection::new().trust_origin("https://a.example:8443").is_ok());
    /// assert!(CrossOriginProtection::new().trust_origin("https://a.example/path").is_err());
    /// assert!(CrossOriginProtection::new().trust_origin("a.example").is_err());
    /// ```
    pub fn trust_origin(mut self, origin: &str) -> Result<CrossOriginProtection, InvalidOrigin> {
        let invalid = || InvalidOrigin(origin.to_owned());
        let (scheme, host) = origin.split_once("://").ok_or_else(invalid)?;
        let scheme_ok = scheme
            .bytes()
            .next()
            .is_some_and(|b| b.is_ascii_alphabetic())
            && scheme
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"+-.".contains(&b));
        if !scheme_ok || host.is_empty() || host.contains(['/', '?', '#', ' ', '@']) {
            return Err(invalid());
        }
        self.trusted.push(origin.to_owned());
        Ok(self)
    }

    /// Lets through every request to `path`, or below it when it ends in `/` (`/webhooks/`):
    /// for endpoints that other sites call on purpose, and that authenticate otherwise.
    ///
    /// ```
    /// let p = typed_cookies::CrossOriginProtection::new().bypass("/hooks/");
    /// assert!(p.check("POST", "/hooks/stripe", Some("a.example"), Some("cross-site"), None).is_ok());
    /// assert!(p.check("POST", "/hook", Some("a.example"), Some("cross-site"), None).is_err());
    /// ```
    pub fn bypass(mut self, path: &str) -> CrossOriginProtection {
        self.bypass.push(path.to_owned());
        self
    }

    /// Checks one request: its method, path, `Host` (or authority), `Sec-Fetch-Site` and
    /// `Origin`.
    ///
    /// # Errors
    /// [`CrossOriginRejection`] when the request is refused.
    ///
    /// ```
    /// use typed_cookies::CrossOriginProtection;
    /// use typed_cookies::cross_origin::CrossOriginRejection;
    /// let p = CrossOriginProtection::new();
    /// let host = Some("shop.example");
    /// assert_eq!(p.check("POST", "/", host, None, Some("https://shop.example")), Ok(()));
    /// assert_eq!(
    ///     p.check("POST", "/", host, None, Some("https://evil.example")),
    ///     Err(CrossOriginRejection::OriginMismatch),
    /// );
    /// assert_eq!(p.check("POST", "/", host, None, None), Ok(()));
    /// ```
    pub fn check(
        &self,
        method: &str,
        path: &str,
        host: Option<&str>,
        sec_fetch_site: Option<&str>,
        origin: Option<&str>,
    ) -> Result<(), CrossOriginRejection> {
        if matches!(method, "GET" | "HEAD" | "OPTIONS") {
            return Ok(());
        }
        let refusal = match sec_fetch_site.filter(|s| !s.is_empty()) {
            Some("same-origin" | "none") => return Ok(()),
            Some(_) => CrossOriginRejection::CrossSite,
            None => {
                let Some(origin) = origin.filter(|o| !o.is_empty()) else {
                    // Neither header: same-origin, or not a browser.
                    return Ok(());
                };
                if host.is_some_and(|h| origin_host(origin) == Some(h)) {
                    return Ok(());
                }
                CrossOriginRejection::OriginMismatch
            }
        };
        if self.is_exempt(path, origin) {
            return Ok(());
        }
        Err(refusal)
    }

    fn is_exempt(&self, path: &str, origin: Option<&str>) -> bool {
        let bypassed = self.bypass.iter().any(|p| {
            if p.ends_with('/') {
                path.starts_with(p.as_str())
            } else {
                path == p
            }
        });
        bypassed || origin.is_some_and(|o| !o.is_empty() && self.trusted.iter().any(|t| t == o))
    }
}

/// The `host[:port]` of an origin `scheme://host[:port]`.
fn origin_host(origin: &str) -> Option<&str> {
    let (_, rest) = origin.split_once("://")?;
    let host = rest.split(['/', '?', '#']).next()?;
    (!host.is_empty()).then_some(host)
}
