use core::fmt;

use typed_cookies_rules::Violation;

use crate::error::Error;

/// How a cookie's value is protected.
///
/// ```
/// use typed_cookies::{CookieSpec, Mode};
///
/// assert_eq!(CookieSpec::new("theme").mode(), Mode::Plain);
/// assert_eq!(CookieSpec::new("session").sealed().mode(), Mode::Sealed);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Mode {
    /// Readable and writable by anyone, the browser's scripts included (unless `HttpOnly`).
    Plain,
    /// HMAC-SHA256: readable by the client, but any change is detected.
    Signed,
    /// AES-256-GCM: neither readable nor changeable by the client.
    Sealed,
}

/// `plain`, `signed` or `sealed`, as the attribute spells it.
///
/// ```
/// assert_eq!(typed_cookies::Mode::Sealed.to_string(), "sealed");
/// ```
impl fmt::Display for Mode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Mode::Plain => "plain",
            Mode::Signed => "signed",
            Mode::Sealed => "sealed",
        })
    }
}

/// The `SameSite` attribute (RFC 6265bis section 4.1.2.7).
///
/// ```
/// use typed_cookies::SameSite;
/// assert_eq!(SameSite::Lax.to_string(), "Lax");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SameSite {
    /// Sent only with same-site requests.
    Strict,
    /// Sent with same-site requests and top-level cross-site navigations. The default.
    Lax,
    /// Sent with every request; requires `Secure`.
    None,
}

impl SameSite {
    pub(crate) const fn as_str(self) -> &'static str {
        match self {
            SameSite::Strict => "Strict",
            SameSite::Lax => "Lax",
            SameSite::None => "None",
        }
    }
}

impl fmt::Display for SameSite {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Everything fixed about one kind of cookie: its name, browser attributes, protection mode,
/// lifetime and schema fingerprint.
///
/// `#[derive(Cookie)]` builds one as a constant for each type (see
/// [`TypedCookie::SPEC`](crate::TypedCookie::SPEC)); code that does not use the derive builds
/// its own with the `const` builder below and reads and writes through it. The attribute
/// defaults are the derive's: `Secure`, `HttpOnly`, `SameSite=Lax`, `Path=/`, no `Domain`, no
/// `Max-Age` (and for signed and sealed specs the 31-day server lifetime,
/// [`server_lifetime_secs`](CookieSpec::server_lifetime_secs)). Unlike the derive, which
/// requires a protection, `new` starts plain: call [`signed`](CookieSpec::signed) or
/// [`sealed`](CookieSpec::sealed) for anything a client must not forge.
///
/// ```
/// use typed_cookies::{CookieSpec, Keyring};
///
/// const SESSION: CookieSpec = CookieSpec::new("__Host-session").sealed().expires(2 * 86_400);
///
/// let keys = Keyring::generate();
/// let line = SESSION.write(&(42u64, "admin"), Some(&keys))?;
/// assert!(line.starts_with("__Host-session="));
/// let value = line.split(';').next().unwrap();
/// let back: Option<(u64, String)> = SESSION.read(value, Some(&keys))?;
/// assert_eq!(back, Some((42, "admin".to_owned())));
/// # Ok::<(), typed_cookies::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct CookieSpec {
    pub(crate) name: &'static str,
    pub(crate) mode: Mode,
    pub(crate) expires: Option<u64>,
    pub(crate) refresh: Option<u64>,
    pub(crate) max_lifetime: Option<u64>,
    pub(crate) secure: bool,
    pub(crate) http_only: bool,
    pub(crate) same_site: SameSite,
    pub(crate) path: &'static str,
    pub(crate) domain: Option<&'static str>,
    pub(crate) partitioned: bool,
    pub(crate) schema: u64,
}

impl CookieSpec {
    /// A plain cookie named `name` with the secure defaults.
    ///
    /// ```
    /// let spec = typed_cookies::CookieSpec::new("theme");
    /// assert_eq!(spec.name(), "theme");
    /// ```
    #[must_use]
    pub const fn new(name: &'static str) -> CookieSpec {
        CookieSpec {
            name,
            mode: Mode::Plain,
            expires: None,
            refresh: None,
            max_lifetime: None,
            secure: true,
            http_only: true,
            same_site: SameSite::Lax,
            path: "/",
            domain: None,
            partitioned: false,
            schema: 0,
        }
    }

    /// Protects the value with HMAC-SHA256.
    ///
    /// ```
    /// # use typed_cookies::{CookieSpec, Mode};
    /// assert_eq!(CookieSpec::new("prefs").signed().mode(), Mode::Signed);
    /// ```
    #[must_use]
    pub const fn signed(mut self) -> CookieSpec {
        self.mode = Mode::Signed;
        self
    }

    /// Protects the value with AES-256-GCM: the browser can neither read nor change it.
    ///
    /// For a session, use a `__Host-` name: browsers accept such a cookie only from the host
    /// itself, so a sibling subdomain cannot send its own session, or forgeries, under the
    /// same name (see SECURITY.md, "Cookie tossing").
    ///
    /// ```
    /// # use typed_cookies::{CookieSpec, Mode};
    /// assert_eq!(CookieSpec::new("__Host-session").sealed().mode(), Mode::Sealed);
    /// ```
    #[must_use]
    pub const fn sealed(mut self) -> CookieSpec {
        self.mode = Mode::Sealed;
        self
    }

    /// Gives the cookie a lifetime in seconds: `Max-Age` and `Expires` for the browser and, for
    /// signed and sealed cookies, an authenticated expiry that reads enforce.
    ///
    /// ```
    /// # use typed_cookies::CookieSpec;
    /// assert_eq!(CookieSpec::new("s").expires(3600).expires_secs(), Some(3600));
    /// ```
    #[must_use]
    pub const fn expires(mut self, seconds: u64) -> CookieSpec {
        self.expires = Some(seconds);
        self
    }

    /// Makes the session sliding: a read of a cookie issued `seconds` ago or longer is due to be
    /// written again with a fresh lifetime (the integrations' re-issue layers do it on the
    /// response; see [`Verified::reissue`](crate::Verified::reissue)). Needs
    /// [`expires`](CookieSpec::expires), longer than `seconds`, and a signed or sealed spec.
    ///
    /// ```
    /// # use typed_cookies::CookieSpec;
    /// let spec = CookieSpec::new("s").sealed().expires(7200).refresh(900);
    /// assert_eq!(spec.refresh_secs(), Some(900));
    /// assert!(spec.validate().is_ok());
    /// assert!(CookieSpec::new("s").sealed().expires(60).refresh(60).validate().is_err());
    /// ```
    #[must_use]
    pub const fn refresh(mut self, seconds: u64) -> CookieSpec {
        self.refresh = Some(seconds);
        self
    }

    /// Limits a session to `seconds` after its original login, however often it is re-issued.
    /// The login time travels inside the authenticated value, so a client cannot extend it.
    /// At least [`expires`](CookieSpec::expires); signed or sealed specs only.
    ///
    /// ```
    /// # use typed_cookies::CookieSpec;
    /// let spec = CookieSpec::new("s").sealed().expires(7200).max_lifetime(30 * 86_400);
    /// assert_eq!(spec.max_lifetime_secs(), Some(30 * 86_400));
    /// assert!(CookieSpec::new("s").sealed().expires(7200).max_lifetime(60).validate().is_err());
    /// ```
    #[must_use]
    pub const fn max_lifetime(mut self, seconds: u64) -> CookieSpec {
        self.max_lifetime = Some(seconds);
        self
    }

    /// Sets or clears `Secure`.
    ///
    /// ```
    /// # use typed_cookies::CookieSpec;
    /// let line = CookieSpec::new("dev").secure(false).removal().unwrap();
    /// assert!(!line.contains("Secure"));
    /// ```
    #[must_use]
    pub const fn secure(mut self, on: bool) -> CookieSpec {
        self.secure = on;
        self
    }

    /// Sets or clears `HttpOnly`.
    ///
    /// ```
    /// # use typed_cookies::CookieSpec;
    /// let line = CookieSpec::new("theme").http_only(false).removal().unwrap();
    /// assert!(!line.contains("HttpOnly"));
    /// ```
    #[must_use]
    pub const fn http_only(mut self, on: bool) -> CookieSpec {
        self.http_only = on;
        self
    }

    /// Sets `SameSite`.
    ///
    /// ```
    /// # use typed_cookies::{CookieSpec, SameSite};
    /// let line = CookieSpec::new("s").same_site(SameSite::Strict).removal().unwrap();
    /// assert!(line.contains("SameSite=Strict"));
    /// ```
    #[must_use]
    pub const fn same_site(mut self, same_site: SameSite) -> CookieSpec {
        self.same_site = same_site;
        self
    }

    /// Sets `Path`.
    ///
    /// ```
    /// # use typed_cookies::CookieSpec;
    /// assert!(CookieSpec::new("s").path("/app").removal().unwrap().contains("Path=/app"));
    /// ```
    #[must_use]
    pub const fn path(mut self, path: &'static str) -> CookieSpec {
        self.path = path;
        self
    }

    /// Sets `Domain`, which makes the cookie visible to subdomains too.
    ///
    /// ```
    /// # use typed_cookies::CookieSpec;
    /// assert!(CookieSpec::new("s").domain("example.com").removal().unwrap().contains("Domain=example.com"));
    /// ```
    #[must_use]
    pub const fn domain(mut self, domain: &'static str) -> CookieSpec {
        self.domain = Some(domain);
        self
    }

    /// Sets `Partitioned` (CHIPS).
    ///
    /// ```
    /// # use typed_cookies::CookieSpec;
    /// assert!(CookieSpec::new("s").partitioned(true).removal().unwrap().ends_with("; Partitioned"));
    /// ```
    #[must_use]
    pub const fn partitioned(mut self, on: bool) -> CookieSpec {
        self.partitioned = on;
        self
    }

    /// Sets the schema fingerprint that signed and sealed values are bound to. The derive
    /// computes it from the type's shape; hand-written specs should change it whenever the
    /// value's serialized layout changes.
    ///
    /// ```
    /// # use typed_cookies::CookieSpec;
    /// assert_eq!(CookieSpec::new("s").schema(7).schema_fingerprint(), 7);
    /// ```
    #[must_use]
    pub const fn schema(mut self, fingerprint: u64) -> CookieSpec {
        self.schema = fingerprint;
        self
    }

    /// The cookie's name, prefix included.
    ///
    /// ```
    /// # use typed_cookies::CookieSpec;
    /// assert_eq!(CookieSpec::new("__Host-s").name(), "__Host-s");
    /// ```
    #[must_use]
    pub const fn name(&self) -> &'static str {
        self.name
    }

    /// The protection mode.
    ///
    /// ```
    /// # use typed_cookies::{CookieSpec, Mode};
    /// assert_eq!(CookieSpec::new("s").signed().mode(), Mode::Signed);
    /// ```
    #[must_use]
    pub const fn mode(&self) -> Mode {
        self.mode
    }

    /// The lifetime set with [`expires`](CookieSpec::expires), in seconds, if any.
    ///
    /// ```
    /// # use typed_cookies::CookieSpec;
    /// assert_eq!(CookieSpec::new("s").expires_secs(), None);
    /// ```
    #[must_use]
    pub const fn expires_secs(&self) -> Option<u64> {
        self.expires
    }

    /// The refresh interval set with [`refresh`](CookieSpec::refresh), in seconds, if any.
    ///
    /// ```
    /// # use typed_cookies::CookieSpec;
    /// assert_eq!(CookieSpec::new("s").refresh_secs(), None);
    /// ```
    #[must_use]
    pub const fn refresh_secs(&self) -> Option<u64> {
        self.refresh
    }

    /// The absolute limit set with [`max_lifetime`](CookieSpec::max_lifetime), in seconds.
    ///
    /// ```
    /// # use typed_cookies::CookieSpec;
    /// assert_eq!(CookieSpec::new("s").max_lifetime_secs(), None);
    /// ```
    #[must_use]
    pub const fn max_lifetime_secs(&self) -> Option<u64> {
        self.max_lifetime
    }

    /// The lifetime the server enforces, in seconds: `expires`, or for a signed or sealed spec
    /// without one [`DEFAULT_SERVER_LIFETIME_SECS`](crate::rules::DEFAULT_SERVER_LIFETIME_SECS),
    /// so no authenticated value reads forever. Plain values carry no authenticated time.
    ///
    /// ```
    /// # use typed_cookies::CookieSpec;
    /// assert_eq!(CookieSpec::new("s").sealed().server_lifetime_secs(), Some(31 * 86_400));
    /// assert_eq!(CookieSpec::new("s").sealed().expires(60).server_lifetime_secs(), Some(60));
    /// assert_eq!(CookieSpec::new("s").server_lifetime_secs(), None);
    /// ```
    #[must_use]
    pub const fn server_lifetime_secs(&self) -> Option<u64> {
        match (self.mode, self.expires) {
            (Mode::Plain, expires) | (_, expires @ Some(_)) => expires,
            (_, None) => Some(typed_cookies_rules::DEFAULT_SERVER_LIFETIME_SECS),
        }
    }

    /// Whether values carry their session's origin (login time and session id): sessions that
    /// are re-issued, or limited from their login.
    pub(crate) const fn tracks_origin(&self) -> bool {
        self.refresh.is_some() || self.max_lifetime.is_some()
    }

    /// The schema fingerprint.
    ///
    /// ```
    /// # use typed_cookies::CookieSpec;
    /// assert_eq!(CookieSpec::new("s").schema_fingerprint(), 0);
    /// ```
    #[must_use]
    pub const fn schema_fingerprint(&self) -> u64 {
        self.schema
    }

    /// Checks the rules that `#[derive(Cookie)]` enforces at compile time (the rules crate,
    /// [`rules`](crate::rules)), for specs built by hand. Reads and writes call it too, so a
    /// spec that breaks a rule never emits a cookie.
    ///
    /// # Errors
    /// [`Error::BrokenRule`](crate::Error::BrokenRule) with the first rule broken.
    ///
    /// ```
    /// use typed_cookies::{CookieSpec, Error, rules::Violation};
    /// assert!(CookieSpec::new("__Host-s").validate().is_ok());
    /// assert_eq!(
    ///     CookieSpec::new("__Host-s").domain("example.com").validate(),
    ///     Err(Error::BrokenRule(Violation::HostPrefixDomain)),
    /// );
    /// assert!(CookieSpec::new("s").domain("a..b").validate().is_err());
    /// ```
    pub fn validate(&self) -> Result<(), Error> {
        self.check().map_err(Error::BrokenRule)
    }

    /// [`validate`](CookieSpec::validate) as a `const fn`, so a spec can be checked at compile
    /// time.
    pub(crate) const fn check(&self) -> Result<(), Violation> {
        typed_cookies_rules::Cookie {
            name: self.name,
            protected: !matches!(self.mode, Mode::Plain),
            expires: self.expires,
            refresh: self.refresh,
            max_lifetime: self.max_lifetime,
            secure: self.secure,
            http_only: self.http_only,
            same_site_none: matches!(self.same_site, SameSite::None),
            path: self.path,
            domain: self.domain,
            partitioned: self.partitioned,
        }
        .check()
    }
}
