use core::fmt;

use typed_cookies_rules::Violation;

/// Why a cookie could not be read or written.
///
/// The read-side variants tell a caller what to do without telling an attacker anything:
/// [`Malformed`](Error::Malformed) and [`Invalid`](Error::Invalid) mean "treat the client as
/// having no such cookie", [`Expired`](Error::Expired) means "authentic, but too old" and is only
/// reported once authenticity has been proven. No variant carries key bytes, plaintext or the
/// offending input.
///
/// ```
/// use typed_cookies::{CookieSpec, Error, Keyring};
///
/// let keys = Keyring::generate();
/// let spec = CookieSpec::new("session").signed();
/// let err = spec.read::<u64, _>("session=AAAA", Some(&keys)).unwrap_err();
/// assert_eq!(err, Error::Malformed);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// The value is not in the cookie format at all: bad base64 or percent-encoding, too short,
    /// an unknown format version or mode, or a payload that does not decode.
    Malformed,
    /// The value is well-formed but not authentic: forged, tampered with, written for another
    /// cookie name, another schema or another protection mode, under a key this keyring does not
    /// hold, or issued implausibly far in the future.
    Invalid,
    /// The value is authentic but its authenticated expiry has passed.
    Expired,
    /// The value is authentic, but the keyring's revocation hook refuses its session ("log out
    /// everywhere", a stolen session), or could not answer and fails closed (the server's log
    /// then says that the store was unavailable).
    Revoked,
    /// A synchronous read (`from_header`) of a session type through a keyring whose revocation
    /// store answers only asynchronously (over the network): it cannot tell whether the
    /// session is revoked, so it hands out none. Read with
    /// [`Keyring::read`](crate::Keyring::read)`.await` or an extractor.
    RevocationNeedsAsync,
    /// A write would produce a cookie whose name and value together exceed the limit browsers
    /// enforce (RFC 6265bis section 5.6: 4096 bytes).
    TooLarge {
        /// Bytes of name plus value the write would have produced (at least this many when
        /// serialization stopped early).
        len: usize,
        /// The limit, 4096.
        max: usize,
    },
    /// The value's `Serialize` implementation failed.
    Serialize,
    /// A `Set-Cookie` line handed to a framework adapter is not one a header can carry (or, for
    /// the `cookie` crate, not a `Set-Cookie` line). Lines this crate renders never are.
    InvalidLine,
    /// The operating system's random source failed when a sealed write needed fresh
    /// randomness (after a `fork`, the generator reseeds from it).
    RandomSource,
    /// A hand-built [`CookieSpec`](crate::CookieSpec) breaks a cookie rule (a `__Host-`
    /// cookie with a `Domain`, a path that would inject attributes): nothing is read or written
    /// with it. Types made with `#[derive(Cookie)]` cannot reach this error: the derive refuses
    /// the same rules at compile time.
    BrokenRule(Violation),
    /// A low-level call was made that the cookie's declaration does not allow, for example a
    /// signed cookie read without a keyring. Types made with `#[derive(Cookie)]` cannot reach
    /// this error.
    Misconfigured(&'static str),
}

/// What a signed or sealed read or write without a keyring fails with.
pub(crate) const NO_KEYRING: Error =
    Error::Misconfigured("signed and sealed cookies need a keyring");

impl Error {
    /// Whether the error comes from what the client sent (a read of a malformed, forged or
    /// expired cookie) rather than from the server (a write, or a misconfiguration). Framework
    /// adapters answer the first with `401 Unauthorized`, the second with `500`.
    ///
    /// ```
    /// use typed_cookies::Error;
    /// assert!(Error::Invalid.is_client_error());
    /// assert!(!Error::Serialize.is_client_error());
    /// ```
    #[must_use]
    pub fn is_client_error(&self) -> bool {
        matches!(
            self,
            Error::Malformed | Error::Invalid | Error::Expired | Error::Revoked
        )
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Malformed => f.write_str("cookie value is malformed"),
            Error::Invalid => f.write_str("cookie value failed verification"),
            Error::Expired => f.write_str("cookie has expired"),
            Error::Revoked => f.write_str("cookie's session has been revoked"),
            Error::RevocationNeedsAsync => f.write_str(
                "the keyring's revocation store answers only asynchronously: read with \
                 `keys.read::<T, _>(&headers).await` or an extractor",
            ),
            Error::TooLarge { len, max } => {
                write!(
                    f,
                    "cookie name and value take {len} bytes, more than the {max} allowed"
                )
            }
            Error::Serialize => f.write_str("cookie value could not be serialized"),
            Error::InvalidLine => f.write_str("not a Set-Cookie line a header can carry"),
            Error::RandomSource => f.write_str("the operating system's random source failed"),
            Error::BrokenRule(rule) => write!(f, "cookie breaks a rule: {rule}"),
            Error::Misconfigured(why) => write!(f, "cookie misconfigured: {why}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::BrokenRule(rule) => Some(rule),
            _ => None,
        }
    }
}
