use core::fmt;

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

impl Mode {
    /// The mode's byte in wire format v1 (plain cookies have no binary form).
    pub(crate) const fn wire_byte(self) -> u8 {
        match self {
            Mode::Plain => 0,
            Mode::Signed => 1,
            Mode::Sealed => 2,
        }
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
/// its own with the `const` builder below and reads and writes through it. The defaults are the
/// derive's: `Secure`, `HttpOnly`, `SameSite=Lax`, `Path=/`, no `Domain`, no lifetime, plain.
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

/// The longest lifetime browsers honour (RFC 6265bis section 5.6.1 and 5.6.2): 400 days.
pub const MAX_LIFETIME_SECS: u64 = 400 * 86_400;

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

    /// Checks the rules that `#[derive(Cookie)]` enforces at compile time, for specs built by
    /// hand. Reads and writes call it too, so a spec that breaks a rule never emits a cookie.
    ///
    /// # Errors
    /// [`Error::Misconfigured`](crate::Error::Misconfigured) naming the broken rule.
    ///
    /// ```
    /// # use typed_cookies::CookieSpec;
    /// assert!(CookieSpec::new("__Host-s").validate().is_ok());
    /// assert!(CookieSpec::new("__Host-s").domain("example.com").validate().is_err());
    /// assert!(CookieSpec::new("bad name").validate().is_err());
    /// ```
    pub fn validate(&self) -> Result<(), crate::Error> {
        match self.check() {
            None => Ok(()),
            Some(why) => Err(crate::Error::Misconfigured(why)),
        }
    }

    /// The first rule this spec breaks, if any: [`validate`](CookieSpec::validate) as a
    /// `const fn`, so a spec can be checked at compile time.
    pub(crate) const fn check(&self) -> Option<&'static str> {
        if !is_token(self.name.as_bytes()) {
            return Some("the name is not an RFC 9110 token");
        }
        if self.name.len() > crate::wire::MAX_NAME_LEN {
            return Some("cookie names are at most 256 bytes");
        }
        let path = self.path.as_bytes();
        if path.is_empty() || path[0] != b'/' || !is_attr_value(path) {
            return Some("the path must start with '/' and hold no ';' or control characters");
        }
        if let Some(d) = self.domain {
            let d = d.as_bytes();
            if d.is_empty() || d[0] == b'.' || !all_domain_bytes(d) {
                return Some("the domain holds a leading dot or an invalid character");
            }
        }
        if let Some(age) = self.expires
            && (age == 0 || age > MAX_LIFETIME_SECS)
        {
            return Some("the lifetime must be between 1 second and 400 days");
        }
        if let Some(why) = self.check_timeouts() {
            return Some(why);
        }
        let name = self.name.as_bytes();
        let host = has_prefix(name, b"__Host-");
        if (host || has_prefix(name, b"__Secure-")) && !self.secure {
            return Some("__Secure- and __Host- cookies must be Secure");
        }
        if host && (self.domain.is_some() || path.len() != 1) {
            return Some("__Host- cookies must have Path=/ and no Domain");
        }
        if (has_prefix(name, b"__Http-") || has_prefix(name, b"__Host-Http-")) && !self.http_only {
            return Some("__Http- and __Host-Http- cookies must be HttpOnly");
        }
        if (matches!(self.same_site, SameSite::None) || self.partitioned) && !self.secure {
            return Some("SameSite=None and Partitioned require Secure");
        }
        None
    }

    /// The rules of `refresh` and `max_lifetime`.
    const fn check_timeouts(&self) -> Option<&'static str> {
        if !self.tracks_origin() {
            return None;
        }
        if matches!(self.mode, Mode::Plain) {
            return Some("refresh and max_lifetime need a signed or sealed cookie");
        }
        if let Some(refresh) = self.refresh {
            let Some(expires) = self.expires else {
                return Some("refresh needs expires: a cookie is re-issued before it expires");
            };
            if refresh == 0 || refresh >= expires {
                return Some(
                    "the refresh interval must be at least 1 second and shorter than the lifetime",
                );
            }
        }
        if let Some(max) = self.max_lifetime {
            if max == 0 {
                return Some("max_lifetime must be at least 1 second");
            }
            if let Some(expires) = self.expires
                && max < expires
            {
                return Some("max_lifetime must be at least the lifetime (expires)");
            }
        }
        None
    }
}

/// RFC 9110 section 5.6.2: `token = 1*tchar`.
pub(crate) const fn is_token(s: &[u8]) -> bool {
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

/// Browsers match prefixes case-insensitively.
const fn has_prefix(name: &[u8], prefix: &[u8]) -> bool {
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

const fn is_attr_value(s: &[u8]) -> bool {
    let mut i = 0;
    while i < s.len() {
        let b = s[i];
        if b == b';' || b.is_ascii_control() || !b.is_ascii() {
            return false;
        }
        i += 1;
    }
    true
}

const fn all_domain_bytes(s: &[u8]) -> bool {
    let mut i = 0;
    while i < s.len() {
        let b = s[i];
        if !(b.is_ascii_alphanumeric() || b == b'-' || b == b'.') {
            return false;
        }
        i += 1;
    }
    true
}
