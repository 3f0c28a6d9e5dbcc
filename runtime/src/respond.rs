use crate::TypedCookie;

/// A handler's `Set-Cookie` lines, to return with a response.
///
/// Build it from the typed methods (`to_set_cookie`, `removal`); with the `axum` feature it is
/// response parts (`IntoResponseParts`), with `actix-web` it appends to a response builder.
/// Every line becomes its own `Set-Cookie` header, marked sensitive.
///
/// ```
/// use serde::{Deserialize, Serialize};
/// use typed_cookies::{Cookie, Keyring, SetCookies};
///
/// #[derive(Cookie, Serialize, Deserialize)]
/// #[cookie(name = "__Host-session", sealed)]
/// struct Session { user_id: u64 }
///
/// #[derive(Cookie, Serialize, Deserialize)]
/// #[cookie(name = "theme", httponly = false)]
/// struct Theme(String);
///
/// let keys = Keyring::generate();
/// let cookies = SetCookies::new()
///     .add(Session { user_id: 1 }.to_set_cookie(&keys)?)
///     .remove::<Theme>();
/// assert_eq!(cookies.lines().len(), 2);
/// assert!(cookies.lines()[1].starts_with("theme=; "));
/// # Ok::<(), typed_cookies::Error>(())
/// ```
#[derive(Clone, Default, PartialEq, Eq)]
#[must_use]
pub struct SetCookies {
    pub(crate) lines: Vec<String>,
}

/// Shows each cookie's name and attributes, never its value: sealed and signed values are
/// credentials.
///
/// ```
/// let c = typed_cookies::SetCookies::new().add("session=secret-token; Path=/".into());
/// assert_eq!(format!("{c:?}"), r#"SetCookies(["session=…; Path=/"])"#);
/// ```
impl core::fmt::Debug for SetCookies {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        struct Hidden<'a>(&'a str);
        impl core::fmt::Debug for Hidden<'_> {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                let (pair, attrs) = self.0.split_once(';').unwrap_or((self.0, ""));
                let name = pair.split_once('=').map_or(pair, |(n, _)| n);
                let sep = if attrs.is_empty() { "" } else { ";" };
                write!(f, "\"{name}=…{sep}{attrs}\"")
            }
        }
        f.debug_tuple("SetCookies")
            .field(&self.lines.iter().map(|l| Hidden(l)).collect::<Vec<_>>())
            .finish()
    }
}

impl SetCookies {
    /// No cookies yet.
    ///
    /// ```
    /// assert!(typed_cookies::SetCookies::new().lines().is_empty());
    /// ```
    pub fn new() -> SetCookies {
        SetCookies { lines: Vec::new() }
    }

    /// Adds a rendered `Set-Cookie` value, such as `to_set_cookie` returns.
    ///
    /// ```
    /// let c = typed_cookies::SetCookies::new().add("a=1; Path=/".to_owned());
    /// assert_eq!(c.lines(), ["a=1; Path=/"]);
    /// ```
    #[allow(clippy::should_implement_trait)] // `add`/`remove`, as axum-extra and tower-cookies say
    pub fn add(mut self, line: String) -> SetCookies {
        self.lines.push(line);
        self
    }

    /// Adds the line that deletes cookie `T`.
    ///
    /// ```
    /// # use serde::{Deserialize, Serialize};
    /// # #[derive(typed_cookies::Cookie, Serialize, Deserialize)]
    /// # struct Theme(String);
    /// let c = typed_cookies::SetCookies::new().remove::<Theme>();
    /// assert!(c.lines()[0].contains("Max-Age=0"));
    /// ```
    pub fn remove<T: TypedCookie>(self) -> SetCookies {
        self.add(crate::__private::removal_derived::<T>())
    }

    /// Adds the line that deletes the foreign cookie `T` (another framework's format).
    ///
    /// ```
    /// # #[cfg(feature = "flask")] {
    /// # use serde::{Deserialize, Serialize};
    /// #[derive(typed_cookies::Cookie, Serialize, Deserialize)]
    /// #[cookie(name = "session", format = "flask", secure = false)]
    /// struct FlaskSession { user: String }
    /// let c = typed_cookies::SetCookies::new().remove_foreign::<FlaskSession>();
    /// assert!(c.lines()[0].starts_with("session=; Path=/; Max-Age=0"));
    /// # }
    /// ```
    #[cfg(any(feature = "flask", feature = "django", feature = "rails"))]
    #[cfg_attr(
        docsrs,
        doc(cfg(any(feature = "flask", feature = "django", feature = "rails")))
    )]
    pub fn remove_foreign<T: crate::interop::ForeignCookie>(self) -> SetCookies {
        self.add(crate::interop::removal::<T>())
    }

    /// The lines, in the order they were added.
    ///
    /// `SetCookies` also collects lines (`FromIterator`), takes more (`Extend`) and gives them
    /// back (`IntoIterator`):
    ///
    /// ```
    /// use typed_cookies::SetCookies;
    /// let mut c: SetCookies = ["a=1".to_owned()].into_iter().collect();
    /// c.extend(["b=2".to_owned()]);
    /// assert_eq!(c.into_iter().collect::<Vec<_>>(), ["a=1", "b=2"]);
    /// ```
    ///
    /// ```
    /// assert!(typed_cookies::SetCookies::new().lines().is_empty());
    /// ```
    #[must_use]
    pub fn lines(&self) -> &[String] {
        &self.lines
    }
}

impl Extend<String> for SetCookies {
    fn extend<I: IntoIterator<Item = String>>(&mut self, lines: I) {
        self.lines.extend(lines);
    }
}

impl FromIterator<String> for SetCookies {
    fn from_iter<I: IntoIterator<Item = String>>(lines: I) -> Self {
        SetCookies {
            lines: lines.into_iter().collect(),
        }
    }
}

impl IntoIterator for SetCookies {
    type Item = String;
    type IntoIter = std::vec::IntoIter<String>;
    fn into_iter(self) -> Self::IntoIter {
        self.lines.into_iter()
    }
}

impl<'a> IntoIterator for &'a SetCookies {
    type Item = &'a String;
    type IntoIter = core::slice::Iter<'a, String>;
    fn into_iter(self) -> Self::IntoIter {
        self.lines.iter()
    }
}

/// A typed cookie read from the request, for framework extractors: `Some` only when the
/// cookie is present and verifies.
///
/// A malformed, forged or expired cookie reads as `None`, exactly like an absent one: a handler
/// never sees a value that did not verify, and treats both as "not logged in". Use
/// [`RequireCookie`] to answer `401 Unauthorized` instead, or call the type's `from_header` to
/// tell the cases apart.
///
/// With the `axum` feature it is an extractor that takes the [`Keyring`](crate::Keyring) from
/// state through `FromRef`; with `actix-web`, from `app_data` (a `Keyring` or a
/// `web::Data<Keyring>`).
///
/// ```
/// use typed_cookies::ReadCookie;
/// let ReadCookie(value) = ReadCookie(Some(5));
/// assert_eq!(value, Some(5));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadCookie<T>(pub Option<T>);

/// A signed or sealed cookie read with its [`Verified`](crate::Verified) metadata (issue time,
/// expiry, whether a previous key wrote it), for sliding sessions, revocation by issue time and
/// re-writing under the primary key. Like [`ReadCookie`], anything absent, malformed, forged or
/// expired is `None`. Only signed and sealed types ([`ProtectedCookie`](crate::ProtectedCookie))
/// qualify: a plain type does not compile.
///
/// The keyring comes from state as for [`ReadCookie`].
///
/// ```
/// use typed_cookies::ReadVerified;
/// let ReadVerified(read) = ReadVerified::<u8>(None);
/// assert!(read.is_none());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadVerified<T>(pub Option<crate::Verified<T>>);

/// A typed cookie the handler requires: extraction fails with `401 Unauthorized` when the
/// cookie is absent, malformed, forged or expired, so the handler only runs with a verified
/// value. The keyring comes from state as for [`ReadCookie`].
///
/// ```
/// use typed_cookies::RequireCookie;
/// let RequireCookie(value) = RequireCookie(5);
/// assert_eq!(value, 5);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequireCookie<T>(pub T);

/// Why [`RequireCookie`] rejected a request. Its response is `401 Unauthorized` with a body
/// that names the cookie but not what was wrong with it.
///
/// ```
/// use typed_cookies::CookieRejection;
/// let r = CookieRejection::Missing { name: "session" };
/// assert_eq!(r.to_string(), "cookie `session` is missing or invalid");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum CookieRejection {
    /// The cookie was not sent.
    Missing {
        /// The cookie's name.
        name: &'static str,
    },
    /// The cookie was sent but did not verify.
    Invalid {
        /// The cookie's name.
        name: &'static str,
        /// Why (kept out of the response body).
        error: crate::Error,
    },
    /// The application has no keyring (or, for another framework's cookie, no secret of that
    /// framework) where the extractor looks for it (actix-web `app_data`).
    NoKeyring,
}

impl core::fmt::Display for CookieRejection {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            CookieRejection::Missing { name } | CookieRejection::Invalid { name, .. } => {
                write!(f, "cookie `{name}` is missing or invalid")
            }
            CookieRejection::NoKeyring => {
                f.write_str("no typed_cookies::Keyring or framework secret is configured")
            }
        }
    }
}

impl std::error::Error for CookieRejection {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            CookieRejection::Invalid { error, .. } => Some(error),
            _ => None,
        }
    }
}

/// The outcome of a read, shaped for extractors.
#[cfg(any(feature = "axum", feature = "actix-web"))]
pub(crate) fn require<T: TypedCookie>(
    read: Result<Option<T>, crate::Error>,
) -> Result<T, CookieRejection> {
    require_named(T::SPEC.name(), read)
}

/// [`require`] for a cookie named `name`.
#[cfg(any(feature = "axum", feature = "actix-web"))]
pub(crate) fn require_named<T>(
    name: &'static str,
    read: Result<Option<T>, crate::Error>,
) -> Result<T, CookieRejection> {
    match read {
        Ok(Some(v)) => Ok(v),
        Ok(None) => Err(CookieRejection::Missing { name }),
        Err(error) => Err(CookieRejection::Invalid { name, error }),
    }
}

/// A request whose CSRF token matches its session cookie `T`: the extractor refuses the request
/// with `403 Forbidden` otherwise. The token comes from the `X-CSRF-Token` header; [`CsrfForm`]
/// takes it from a form field instead. The keyring comes from state as for
/// [`ReadCookie`].
///
/// ```
/// use typed_cookies::CsrfChecked;
/// fn handler(CsrfChecked(session): CsrfChecked<u8>) { let _ = session.value; }
/// ```
#[derive(Debug, Clone)]
pub struct CsrfChecked<T>(pub crate::Verified<T>);

/// A form body of type `F` whose `csrf_token` field matches the session cookie `T`; anything
/// else is refused with `403 Forbidden` (a form that does not parse, `400`).
///
/// ```
/// use typed_cookies::CsrfForm;
/// fn handler(CsrfForm { session, form }: CsrfForm<u8, String>) { let _ = (session, form); }
/// ```
#[derive(Debug, Clone)]
pub struct CsrfForm<T, F> {
    /// The session, verified.
    pub session: crate::Verified<T>,
    /// The form, without its token.
    pub form: F,
}

/// The header that carries a CSRF token.
pub const CSRF_HEADER: &str = "x-csrf-token";
/// The form field that carries a CSRF token.
pub const CSRF_FIELD: &str = "csrf_token";

/// Another framework's cookie (`format = "..."`) read from the request, for extractors: `Some`
/// only when it is present and verifies, like [`ReadCookie`]. The framework's secret comes from
/// state (axum, through `FromRef`) or `app_data` (actix-web, the secret or `web::Data` of it).
///
/// ```
/// use typed_cookies::ReadForeign;
/// let ReadForeign(value) = ReadForeign(Some(5));
/// assert_eq!(value, Some(5));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadForeign<T>(pub Option<T>);

/// Another framework's cookie the handler requires: `401 Unauthorized` when it is absent or
/// does not verify, like [`RequireCookie`].
///
/// ```
/// use typed_cookies::RequireForeign;
/// let RequireForeign(value) = RequireForeign(5);
/// assert_eq!(value, 5);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequireForeign<T>(pub T);
