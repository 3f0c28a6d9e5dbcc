//! The cookie rules of [typed-cookies](https://docs.rs/typed-cookies), written once.
//!
//! `#[derive(Cookie)]` calls these functions while it compiles a cookie type, and adds spans and
//! long messages to what they find; the runtime's `CookieSpec` calls them from a `const fn`,
//! so a spec built by hand is held to the very same rules. Each function is `const`, takes the
//! facts it judges and returns the [`Violation`] it finds, so both callers reach one verdict.
//!
//! Depend on `typed-cookies`, which re-exports this crate as `typed_cookies::rules`.
//!
//! ```
//! use typed_cookies_rules::{Cookie, Violation};
//!
//! let cookie = Cookie { domain: Some("a..b"), ..Cookie::new("session") };
//! assert_eq!(cookie.check(), Err(Violation::DomainNotHost));
//! assert_eq!(Cookie::new("__Host-session").check(), Ok(()));
//! ```
#![no_std]
#![forbid(unsafe_code)]
#![warn(missing_docs)]

use core::fmt;

/// The longest cookie name accepted, in bytes: a signed or sealed value's binding holds the
/// name, and fits a small stack buffer.
pub const MAX_NAME_LEN: usize = 256;

/// The longest lifetime browsers honour (RFC 6265bis section 5.6.1 and 5.6.2): 400 days.
pub const MAX_LIFETIME_SECS: u64 = 400 * 86_400;

/// The lifetime the server enforces on a signed or sealed value whose type declares no
/// `expires`: 31 days, Flask's `PERMANENT_SESSION_LIFETIME`. Such a cookie is a browser-session
/// cookie (no `Max-Age`, gone when the browser closes), and a copy kept longer is refused.
pub const DEFAULT_SERVER_LIFETIME_SECS: u64 = 31 * 86_400;

/// The most bytes of name and value together that browsers keep (RFC 6265bis section 5.6): a
/// write that would exceed it is an error, never a cookie silently dropped.
pub const MAX_COOKIE_LEN: usize = 4096;

/// How many well-formed copies of one cookie name a read verifies before it gives up, so a
/// header stuffed with thousands of copies costs bounded work. Copies that are not well-formed
/// cost no verification and do not count.
pub const MAX_CANDIDATES: usize = 16;

/// How far in the future an authenticated issue time may lie, for clocks that differ across
/// servers: a value issued later than this is refused.
pub const ISSUED_AT_LEEWAY_SECS: u64 = 300;

/// The longest attribute value browsers keep (RFC 6265bis section 5.6): a longer `Path` or
/// `Domain` is ignored, which would silently widen the cookie.
pub const MAX_ATTRIBUTE_LEN: usize = 1024;

/// The longest host name (RFC 1123 section 2.1, RFC 1035 section 2.3.4): 253 characters in
/// labels of at most 63.
pub const MAX_DOMAIN_LEN: usize = 253;

/// The longest label of a host name.
pub const MAX_LABEL_LEN: usize = 63;

/// A broken cookie rule: why a cookie may not be written as specified.
///
/// [`message`](Violation::message) says it in one sentence; the derive says more, at the
/// offending literal.
///
/// ```
/// use typed_cookies_rules::Violation;
/// assert_eq!(
///     Violation::HostPrefixDomain.to_string(),
///     "__Host- cookies must have no Domain (RFC 6265bis section 4.1.3.2)",
/// );
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Violation {
    /// The name is empty.
    NameEmpty,
    /// The name is longer than [`MAX_NAME_LEN`].
    NameTooLong,
    /// The name is not an RFC 9110 token.
    NameNotToken,
    /// The path does not start with `/`.
    PathNotAbsolute,
    /// The path holds `;`, a control character or a non-ASCII character.
    PathBadChar,
    /// The path is longer than [`MAX_ATTRIBUTE_LEN`].
    PathTooLong,
    /// The domain starts with a dot.
    DomainLeadingDot,
    /// The domain is not a host name.
    DomainNotHost,
    /// The lifetime (`expires`) is zero.
    LifetimeZero,
    /// The lifetime is over [`MAX_LIFETIME_SECS`].
    LifetimeTooLong,
    /// The refresh interval is zero.
    RefreshZero,
    /// The refresh interval is over [`MAX_LIFETIME_SECS`].
    RefreshTooLong,
    /// `max_lifetime` is zero.
    MaxLifetimeZero,
    /// `refresh` or `max_lifetime` on a cookie that is neither signed nor sealed.
    TimeoutsNeedProtection,
    /// `refresh` without `expires`.
    RefreshNeedsExpires,
    /// The refresh interval is not shorter than the lifetime.
    RefreshNotShorter,
    /// `max_lifetime` is shorter than the lifetime.
    MaxLifetimeShorter,
    /// A `__Secure-` cookie without `Secure`.
    SecurePrefixInsecure,
    /// A `__Host-` cookie without `Secure`.
    HostPrefixInsecure,
    /// A `__Host-` cookie with a `Domain`.
    HostPrefixDomain,
    /// A `__Host-` cookie with a `Path` other than `/`.
    HostPrefixPath,
    /// An `__Http-` or `__Host-Http-` cookie without `HttpOnly`.
    HttpPrefixScriptable,
    /// `SameSite=None` without `Secure`.
    SameSiteNoneInsecure,
    /// `Partitioned` without `Secure`.
    PartitionedInsecure,
}

impl Violation {
    /// The rule, in one sentence that cites what defines it.
    ///
    /// ```
    /// # use typed_cookies_rules::Violation;
    /// assert!(Violation::NameNotToken.message().contains("RFC 9110"));
    /// ```
    #[must_use]
    pub const fn message(self) -> &'static str {
        match self {
            Violation::NameEmpty => "a cookie name cannot be empty",
            Violation::NameTooLong => "cookie names are at most 256 bytes",
            Violation::NameNotToken => "the name is not an RFC 9110 token",
            Violation::PathNotAbsolute => {
                "the path must start with '/' (RFC 6265bis section 5.6.4)"
            }
            Violation::PathBadChar => "the path must hold no ';', control or non-ASCII characters",
            Violation::PathTooLong => "the path is over 1024 bytes (RFC 6265bis section 5.6)",
            Violation::DomainLeadingDot => "the domain must not start with a dot",
            Violation::DomainNotHost => "the domain is not a host name",
            Violation::LifetimeZero => "the lifetime must be at least 1 second",
            Violation::LifetimeTooLong => {
                "the lifetime must be at most 400 days (RFC 6265bis section 5.6.1)"
            }
            Violation::RefreshZero => "the refresh interval must be at least 1 second",
            Violation::RefreshTooLong => "the refresh interval must be at most 400 days",
            Violation::MaxLifetimeZero => "max_lifetime must be at least 1 second",
            Violation::TimeoutsNeedProtection => {
                "refresh and max_lifetime need a signed or sealed cookie"
            }
            Violation::RefreshNeedsExpires => {
                "refresh needs expires: a cookie is re-issued before it expires"
            }
            Violation::RefreshNotShorter => {
                "the refresh interval must be shorter than the lifetime"
            }
            Violation::MaxLifetimeShorter => "max_lifetime must be at least the lifetime (expires)",
            Violation::SecurePrefixInsecure => {
                "__Secure- cookies must be Secure (RFC 6265bis section 4.1.3.1)"
            }
            Violation::HostPrefixInsecure => {
                "__Host- cookies must be Secure (RFC 6265bis section 4.1.3.2)"
            }
            Violation::HostPrefixDomain => {
                "__Host- cookies must have no Domain (RFC 6265bis section 4.1.3.2)"
            }
            Violation::HostPrefixPath => {
                "__Host- cookies must have Path=/ (RFC 6265bis section 4.1.3.2)"
            }
            Violation::HttpPrefixScriptable => {
                "__Http- and __Host-Http- cookies must be HttpOnly \
                 (draft-ietf-httpbis-layered-cookies section 4.1.3.3 and 4.1.3.4)"
            }
            Violation::SameSiteNoneInsecure => {
                "SameSite=None requires Secure (RFC 6265bis section 5.6.7)"
            }
            Violation::PartitionedInsecure => {
                "Partitioned requires Secure (draft-cutler-httpbis-partitioned-cookies section 2.1)"
            }
        }
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message())
    }
}

impl core::error::Error for Violation {}

/// The facts about one cookie that the rules judge, with the defaults of `#[derive(Cookie)]`
/// from [`Cookie::new`].
///
/// ```
/// use typed_cookies_rules::{Cookie, Violation};
/// let c = Cookie { secure: false, ..Cookie::new("__Secure-id") };
/// assert_eq!(c.check(), Err(Violation::SecurePrefixInsecure));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cookie<'a> {
    /// The name, prefix included.
    pub name: &'a str,
    /// Signed or sealed: whether the server authenticates the value and its times.
    pub protected: bool,
    /// `expires`, in seconds.
    pub expires: Option<u64>,
    /// `refresh`, in seconds.
    pub refresh: Option<u64>,
    /// `max_lifetime`, in seconds.
    pub max_lifetime: Option<u64>,
    /// `Secure`.
    pub secure: bool,
    /// `HttpOnly`.
    pub http_only: bool,
    /// `SameSite=None`.
    pub same_site_none: bool,
    /// `Path`.
    pub path: &'a str,
    /// `Domain`.
    pub domain: Option<&'a str>,
    /// `Partitioned`.
    pub partitioned: bool,
}

/// How many rules [`Cookie::violations`] checks.
pub const RULES: usize = 16;

/// A rule's verdict as an `Option`, for [`Cookie::violations`].
const fn broken(verdict: Result<(), Violation>) -> Option<Violation> {
    match verdict {
        Ok(()) => None,
        Err(v) => Some(v),
    }
}

impl<'a> Cookie<'a> {
    /// A plain cookie named `name` with the secure defaults: `Secure`, `HttpOnly`, `Path=/`,
    /// no `Domain`, no lifetime.
    ///
    /// ```
    /// assert!(typed_cookies_rules::Cookie::new("theme").secure);
    /// ```
    #[must_use]
    pub const fn new(name: &'a str) -> Cookie<'a> {
        Cookie {
            name,
            protected: false,
            expires: None,
            refresh: None,
            max_lifetime: None,
            secure: true,
            http_only: true,
            same_site_none: false,
            path: "/",
            domain: None,
            partitioned: false,
        }
    }

    /// Every rule, in a fixed order: the name, the path, the domain, the durations, the
    /// timeouts, then the prefixes and the attributes that require `Secure`. `Some` for each
    /// rule the cookie breaks: the derive reports them all, each at its literal.
    ///
    /// ```
    /// use typed_cookies_rules::{Cookie, Violation};
    /// let c = Cookie { secure: false, domain: Some("x.com"), ..Cookie::new("__Host-s") };
    /// let broken: Vec<Violation> = c.violations().into_iter().flatten().collect();
    /// assert_eq!(broken, [Violation::HostPrefixInsecure, Violation::HostPrefixDomain]);
    /// ```
    #[must_use]
    pub const fn violations(&self) -> [Option<Violation>; RULES] {
        let timeouts = self.refresh.is_some() || self.max_lifetime.is_some();
        [
            broken(name(self.name)),
            broken(path(self.path)),
            match self.domain {
                Some(domain) => broken(domain_name(domain)),
                None => None,
            },
            match self.expires {
                Some(secs) => broken(lifetime(secs)),
                None => None,
            },
            match self.refresh {
                Some(secs) => broken(refresh_interval(secs)),
                None => None,
            },
            match self.max_lifetime {
                Some(secs) => broken(max_lifetime(secs)),
                None => None,
            },
            broken(timeouts_need_protection(self.protected, timeouts)),
            broken(refresh_within_lifetime(self.refresh, self.expires)),
            broken(max_lifetime_covers_lifetime(
                self.max_lifetime,
                self.expires,
            )),
            broken(secure_prefix(self.name, self.secure)),
            broken(host_prefix_secure(self.name, self.secure)),
            broken(host_prefix_domain(self.name, self.domain.is_some())),
            broken(host_prefix_path(self.name, self.path)),
            broken(http_prefix(self.name, self.http_only)),
            broken(same_site_none(self.same_site_none, self.secure)),
            broken(partitioned(self.partitioned, self.secure)),
        ]
    }

    /// The first rule this cookie breaks, in the order of [`violations`](Cookie::violations).
    ///
    /// # Errors
    /// The [`Violation`] of the first rule broken.
    ///
    /// ```
    /// use typed_cookies_rules::{Cookie, Violation};
    /// let c = Cookie { path: "/a", domain: Some("x.com"), ..Cookie::new("__Host-s") };
    /// assert_eq!(c.check(), Err(Violation::HostPrefixDomain));
    /// ```
    pub const fn check(&self) -> Result<(), Violation> {
        let all = self.violations();
        let mut i = 0;
        while i < all.len() {
            if let Some(v) = all[i] {
                return Err(v);
            }
            i += 1;
        }
        Ok(())
    }
}

/// RFC 9110 section 5.6.2: a cookie name is a `token`, `1*tchar`; this crate also bounds its
/// length by [`MAX_NAME_LEN`].
///
/// # Errors
/// [`Violation::NameEmpty`], [`Violation::NameTooLong`] or [`Violation::NameNotToken`].
///
/// ```
/// use typed_cookies_rules::{name, Violation};
/// assert_eq!(name("__Host-id"), Ok(()));
/// assert_eq!(name("a b"), Err(Violation::NameNotToken));
/// ```
pub const fn name(name: &str) -> Result<(), Violation> {
    let s = name.as_bytes();
    if s.is_empty() {
        return Err(Violation::NameEmpty);
    }
    if s.len() > MAX_NAME_LEN {
        return Err(Violation::NameTooLong);
    }
    if !is_token(s) {
        return Err(Violation::NameNotToken);
    }
    Ok(())
}

/// Whether `s` is an RFC 9110 `token` (`1*tchar`).
///
/// ```
/// assert!(typed_cookies_rules::is_token(b"a!#$%&'*+-.^_`|~9"));
/// assert!(!typed_cookies_rules::is_token(b"a=b"));
/// ```
#[must_use]
pub const fn is_token(s: &[u8]) -> bool {
    if s.is_empty() {
        return false;
    }
    let mut i = 0;
    while i < s.len() {
        let b = s[i];
        let special = matches!(
            b,
            b'!' | b'#'
                | b'$'
                | b'%'
                | b'&'
                | b'\''
                | b'*'
                | b'+'
                | b'-'
                | b'.'
                | b'^'
                | b'_'
                | b'`'
                | b'|'
                | b'~'
        );
        if !(b.is_ascii_alphanumeric() || special) {
            return false;
        }
        i += 1;
    }
    true
}

/// RFC 6265bis section 5.6.4: a path starts with `/`; section 4.1.1: it holds no `;` and no
/// control characters (and, here, nothing outside ASCII, which browsers would percent-encode
/// differently); section 5.6: a browser ignores a value over [`MAX_ATTRIBUTE_LEN`] bytes.
///
/// # Errors
/// [`Violation::PathNotAbsolute`], [`Violation::PathBadChar`] or [`Violation::PathTooLong`].
///
/// ```
/// use typed_cookies_rules::{path, Violation};
/// assert_eq!(path("/app"), Ok(()));
/// assert_eq!(path("/a; Domain=evil.example"), Err(Violation::PathBadChar));
/// ```
pub const fn path(path: &str) -> Result<(), Violation> {
    let s = path.as_bytes();
    if s.is_empty() || s[0] != b'/' {
        return Err(Violation::PathNotAbsolute);
    }
    let mut i = 0;
    while i < s.len() {
        let b = s[i];
        if b == b';' || b.is_ascii_control() || !b.is_ascii() {
            return Err(Violation::PathBadChar);
        }
        i += 1;
    }
    if s.len() > MAX_ATTRIBUTE_LEN {
        return Err(Violation::PathTooLong);
    }
    Ok(())
}

/// A `Domain` is a host name: dot-separated labels of 1 to 63 ASCII letters, digits and inner
/// hyphens, at most 253 characters (RFC 1123 section 2.1), with no leading dot (RFC 6265bis
/// section 5.6.3: browsers drop it, and a `Domain` covers subdomains anyway), no trailing dot
/// (browsers then match no host) and no empty label. A label may not end in a hyphen, so a
/// punycode prefix with nothing after it (`xn--`) is refused; Unicode names are written in
/// their `xn--` form.
///
/// # Errors
/// [`Violation::DomainLeadingDot`] or [`Violation::DomainNotHost`].
///
/// ```
/// use typed_cookies_rules::{domain_name, Violation};
/// assert_eq!(domain_name("shop.example.com"), Ok(()));
/// for bad in ["a..b", "example.com.", "-x.com", "xn--.com", "a_b.com", ""] {
///     assert_eq!(domain_name(bad), Err(Violation::DomainNotHost), "{bad}");
/// }
/// assert_eq!(domain_name(".example.com"), Err(Violation::DomainLeadingDot));
/// ```
pub const fn domain_name(domain: &str) -> Result<(), Violation> {
    let s = domain.as_bytes();
    if !s.is_empty() && s[0] == b'.' {
        return Err(Violation::DomainLeadingDot);
    }
    if s.is_empty() || s.len() > MAX_DOMAIN_LEN {
        return Err(Violation::DomainNotHost);
    }
    let mut start = 0;
    let mut i = 0;
    while i <= s.len() {
        if i == s.len() || s[i] == b'.' {
            let len = i - start;
            if len == 0 || len > MAX_LABEL_LEN || s[start] == b'-' || s[i - 1] == b'-' {
                return Err(Violation::DomainNotHost);
            }
            start = i + 1;
        } else if !(s[i].is_ascii_alphanumeric() || s[i] == b'-') {
            return Err(Violation::DomainNotHost);
        }
        i += 1;
    }
    Ok(())
}

/// A lifetime (`expires`, `Max-Age`) of zero deletes the cookie at once; browsers cap one at
/// 400 days (RFC 6265bis section 5.6.1).
///
/// # Errors
/// [`Violation::LifetimeZero`] or [`Violation::LifetimeTooLong`].
///
/// ```
/// use typed_cookies_rules::{lifetime, Violation};
/// assert_eq!(lifetime(3600), Ok(()));
/// assert_eq!(lifetime(0), Err(Violation::LifetimeZero));
/// ```
pub const fn lifetime(secs: u64) -> Result<(), Violation> {
    if secs == 0 {
        Err(Violation::LifetimeZero)
    } else if secs > MAX_LIFETIME_SECS {
        Err(Violation::LifetimeTooLong)
    } else {
        Ok(())
    }
}

/// A refresh interval of zero would re-issue the cookie on every request; it lies within the
/// lifetime, so it is at most 400 days too.
///
/// # Errors
/// [`Violation::RefreshZero`] or [`Violation::RefreshTooLong`].
///
/// ```
/// use typed_cookies_rules::{refresh_interval, Violation};
/// assert_eq!(refresh_interval(0), Err(Violation::RefreshZero));
/// ```
pub const fn refresh_interval(secs: u64) -> Result<(), Violation> {
    if secs == 0 {
        Err(Violation::RefreshZero)
    } else if secs > MAX_LIFETIME_SECS {
        Err(Violation::RefreshTooLong)
    } else {
        Ok(())
    }
}

/// A `max_lifetime` of zero ends every session at once. It is a server-side limit counted from
/// the login, which browsers never see, so it has no upper bound.
///
/// # Errors
/// [`Violation::MaxLifetimeZero`].
///
/// ```
/// use typed_cookies_rules::{max_lifetime, Violation};
/// assert_eq!(max_lifetime(0), Err(Violation::MaxLifetimeZero));
/// assert_eq!(max_lifetime(10 * 365 * 86_400), Ok(()));
/// ```
pub const fn max_lifetime(secs: u64) -> Result<(), Violation> {
    if secs == 0 {
        Err(Violation::MaxLifetimeZero)
    } else {
        Ok(())
    }
}

/// `refresh` and `max_lifetime` are enforced on a value's authenticated times, which only
/// signed and sealed values carry.
///
/// # Errors
/// [`Violation::TimeoutsNeedProtection`].
///
/// ```
/// use typed_cookies_rules::{timeouts_need_protection, Violation};
/// assert_eq!(timeouts_need_protection(false, true), Err(Violation::TimeoutsNeedProtection));
/// ```
pub const fn timeouts_need_protection(protected: bool, timeouts: bool) -> Result<(), Violation> {
    if timeouts && !protected {
        Err(Violation::TimeoutsNeedProtection)
    } else {
        Ok(())
    }
}

/// A cookie is re-issued before it expires: `refresh` needs `expires`, and is shorter.
///
/// # Errors
/// [`Violation::RefreshNeedsExpires`] or [`Violation::RefreshNotShorter`].
///
/// ```
/// use typed_cookies_rules::{refresh_within_lifetime, Violation};
/// assert_eq!(refresh_within_lifetime(Some(60), Some(3600)), Ok(()));
/// assert_eq!(refresh_within_lifetime(Some(60), None), Err(Violation::RefreshNeedsExpires));
/// assert_eq!(refresh_within_lifetime(Some(60), Some(60)), Err(Violation::RefreshNotShorter));
/// ```
pub const fn refresh_within_lifetime(
    refresh: Option<u64>,
    expires: Option<u64>,
) -> Result<(), Violation> {
    match (refresh, expires) {
        (Some(_), None) => Err(Violation::RefreshNeedsExpires),
        (Some(r), Some(e)) if r >= e => Err(Violation::RefreshNotShorter),
        _ => Ok(()),
    }
}

/// The absolute limit, counted from the login, is no shorter than one lifetime.
///
/// # Errors
/// [`Violation::MaxLifetimeShorter`].
///
/// ```
/// use typed_cookies_rules::{max_lifetime_covers_lifetime, Violation};
/// assert_eq!(max_lifetime_covers_lifetime(Some(60), Some(3600)), Err(Violation::MaxLifetimeShorter));
/// ```
pub const fn max_lifetime_covers_lifetime(
    max: Option<u64>,
    expires: Option<u64>,
) -> Result<(), Violation> {
    match (max, expires) {
        (Some(m), Some(e)) if m < e => Err(Violation::MaxLifetimeShorter),
        _ => Ok(()),
    }
}

/// RFC 6265bis section 4.1.3.1: browsers drop a `__Secure-` cookie set without `Secure`.
/// Prefixes match case-insensitively, as browsers match them.
///
/// # Errors
/// [`Violation::SecurePrefixInsecure`].
///
/// ```
/// use typed_cookies_rules::{secure_prefix, Violation};
/// assert_eq!(secure_prefix("__SECURE-id", false), Err(Violation::SecurePrefixInsecure));
/// ```
pub const fn secure_prefix(name: &str, secure: bool) -> Result<(), Violation> {
    if has_prefix(name, "__Secure-") && !secure {
        Err(Violation::SecurePrefixInsecure)
    } else {
        Ok(())
    }
}

/// RFC 6265bis section 4.1.3.2: a `__Host-` cookie is `Secure`.
///
/// # Errors
/// [`Violation::HostPrefixInsecure`].
///
/// ```
/// use typed_cookies_rules::{host_prefix_secure, Violation};
/// assert_eq!(host_prefix_secure("__host-id", false), Err(Violation::HostPrefixInsecure));
/// ```
pub const fn host_prefix_secure(name: &str, secure: bool) -> Result<(), Violation> {
    if has_prefix(name, "__Host-") && !secure {
        Err(Violation::HostPrefixInsecure)
    } else {
        Ok(())
    }
}

/// RFC 6265bis section 4.1.3.2: a `__Host-` cookie is host-only, so no sibling subdomain can
/// receive or shadow it.
///
/// # Errors
/// [`Violation::HostPrefixDomain`].
///
/// ```
/// use typed_cookies_rules::{host_prefix_domain, Violation};
/// assert_eq!(host_prefix_domain("__Host-id", true), Err(Violation::HostPrefixDomain));
/// ```
pub const fn host_prefix_domain(name: &str, has_domain: bool) -> Result<(), Violation> {
    if has_prefix(name, "__Host-") && has_domain {
        Err(Violation::HostPrefixDomain)
    } else {
        Ok(())
    }
}

/// RFC 6265bis section 4.1.3.2: a `__Host-` cookie is set for `Path=/`, so no sub-path can
/// shadow it.
///
/// # Errors
/// [`Violation::HostPrefixPath`].
///
/// ```
/// use typed_cookies_rules::{host_prefix_path, Violation};
/// assert_eq!(host_prefix_path("__Host-id", "/app"), Err(Violation::HostPrefixPath));
/// ```
pub const fn host_prefix_path(name: &str, path: &str) -> Result<(), Violation> {
    let p = path.as_bytes();
    if has_prefix(name, "__Host-") && !(p.len() == 1 && p[0] == b'/') {
        Err(Violation::HostPrefixPath)
    } else {
        Ok(())
    }
}

/// draft-ietf-httpbis-layered-cookies section 4.1.3.3 and 4.1.3.4: `__Http-` and
/// `__Host-Http-` cookies are `HttpOnly`, so no script of the page can have set them.
///
/// # Errors
/// [`Violation::HttpPrefixScriptable`].
///
/// ```
/// use typed_cookies_rules::{http_prefix, Violation};
/// assert_eq!(http_prefix("__Host-Http-id", false), Err(Violation::HttpPrefixScriptable));
/// ```
pub const fn http_prefix(name: &str, http_only: bool) -> Result<(), Violation> {
    if (has_prefix(name, "__Http-") || has_prefix(name, "__Host-Http-")) && !http_only {
        Err(Violation::HttpPrefixScriptable)
    } else {
        Ok(())
    }
}

/// RFC 6265bis section 5.6.7: browsers reject `SameSite=None` without `Secure`.
///
/// # Errors
/// [`Violation::SameSiteNoneInsecure`].
///
/// ```
/// use typed_cookies_rules::{same_site_none, Violation};
/// assert_eq!(same_site_none(true, false), Err(Violation::SameSiteNoneInsecure));
/// ```
pub const fn same_site_none(none: bool, secure: bool) -> Result<(), Violation> {
    if none && !secure {
        Err(Violation::SameSiteNoneInsecure)
    } else {
        Ok(())
    }
}

/// CHIPS (draft-cutler-httpbis-partitioned-cookies section 2.1): a `Partitioned` cookie is
/// `Secure`.
///
/// # Errors
/// [`Violation::PartitionedInsecure`].
///
/// ```
/// use typed_cookies_rules::{partitioned, Violation};
/// assert_eq!(partitioned(true, false), Err(Violation::PartitionedInsecure));
/// ```
pub const fn partitioned(on: bool, secure: bool) -> Result<(), Violation> {
    if on && !secure {
        Err(Violation::PartitionedInsecure)
    } else {
        Ok(())
    }
}

/// Whether `name` starts with `prefix`, ignoring ASCII case, as browsers match prefixes.
///
/// ```
/// assert!(typed_cookies_rules::has_prefix("__HOST-id", "__Host-"));
/// ```
#[must_use]
pub const fn has_prefix(name: &str, prefix: &str) -> bool {
    let (name, prefix) = (name.as_bytes(), prefix.as_bytes());
    if name.len() < prefix.len() {
        return false;
    }
    let mut i = 0;
    while i < prefix.len() {
        if !name[i].eq_ignore_ascii_case(&prefix[i]) {
            return false;
        }
        i += 1;
    }
    true
}

/// The keys of `#[cookie(...)]`, in the order the documentation lists them. The derive
/// accepts exactly these (and `http_only`, the builder's spelling of `httponly`); the
/// runtime's documentation is tested against this list.
pub const ATTRIBUTE_KEYS: &[&str] = &[
    "name",
    "plain",
    "signed",
    "sealed",
    "expires",
    "refresh",
    "max_lifetime",
    "secure",
    "httponly",
    "same_site",
    "path",
    "domain",
    "partitioned",
    "previous",
    "write_previous",
    "subject",
    "format",
    "salt",
    "crate",
];
