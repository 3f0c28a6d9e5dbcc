//! The write path: a value to a complete `Set-Cookie` line.

use std::time::SystemTime;

use serde::Serialize;
use typed_cookies_rules::MAX_COOKIE_LEN;

use crate::clock::{now_secs, to_unix};
use crate::error::{Error, NO_KEYRING};
use crate::keyring::Keyring;
use crate::session::origin::{self, Origin};
use crate::spec::{CookieSpec, Mode};
use crate::verified::Verified;
use crate::wire::{self, Issue, MAX_RAW, Nonce, SMALL_RAW};
use crate::{plain, render};

/// What a re-issue carries over from the session it continues. Named by a hidden trait method
/// of [`TypedCookie`](crate::TypedCookie); not meant to be used directly.
#[doc(hidden)]
#[derive(Debug, Clone, Copy)]
pub struct Continuation {
    now: u64,
    issued_at: u64,
    origin: Option<Origin>,
    /// Whether the type that read the session tracks an origin.
    tracks: bool,
}

impl Continuation {
    /// What a re-issue of `session` at `now` carries on; `tracks` says whether the type that
    /// read it tracks an origin.
    pub(crate) fn of<T>(session: &Verified<T>, now: u64, tracks: bool) -> Continuation {
        Continuation {
            now,
            issued_at: session.stamp.issued_at,
            origin: session.stamp.origin,
            tracks,
        }
    }
}

/// Writes `value` as a cookie of `spec` that continues a session. Its origin is kept whatever
/// type the re-issue writes, so a `write_previous` type does not restart its sessions' absolute
/// limit. A session without one (a cookie written before its type declared `refresh` or
/// `max_lifetime`, or by the previous type it migrated from) begins at the cookie's issue time
/// when the reading type or the written one tracks an origin.
///
/// # Errors
/// As [`CookieSpec::write`].
pub(crate) fn write_continued<T: Serialize + ?Sized>(
    spec: &CookieSpec,
    value: &T,
    keys: &Keyring,
    continuation: &Continuation,
) -> Result<String, Error> {
    let origin = match continuation.origin {
        Some(origin) => Some(origin),
        None if continuation.tracks || spec.tracks_origin() => {
            Some(Origin::begin(continuation.issued_at)?)
        }
        None => None,
    };
    spec.write_session(value, Some(keys), continuation.now, Nonce::Fresh, origin)
}

impl CookieSpec {
    /// Renders the complete `Set-Cookie` value for `value`, stamped with the current time.
    ///
    /// Plain specs ignore `keys`; signed and sealed specs require them. The result is allocated
    /// once; signing and sealing run on the stack.
    ///
    /// # Errors
    /// [`Error::TooLarge`] when name and value would exceed 4096 bytes, [`Error::Serialize`]
    /// when `value` fails to serialize, [`Error::BrokenRule`] for a spec that breaks a rule,
    /// [`Error::Misconfigured`] for a signed or sealed spec without `keys`.
    ///
    /// # Panics
    /// A sealed write panics when the operating system's random source fails while seeding
    /// the nonce generator, since no nonce can then be trusted.
    ///
    /// ```
    /// use typed_cookies::CookieSpec;
    ///
    /// let line = CookieSpec::new("theme").http_only(false).write("dark", None)?;
    /// assert_eq!(line, "theme=dark; Path=/; Secure; SameSite=Lax");
    /// # Ok::<(), typed_cookies::Error>(())
    /// ```
    pub fn write<T: Serialize + ?Sized>(
        &self,
        value: &T,
        keys: Option<&Keyring>,
    ) -> Result<String, Error> {
        self.validate()?;
        self.write_with(value, keys, now_secs(), Nonce::Fresh)
    }

    /// [`write`](CookieSpec::write) with an explicit clock, for tests and for servers that
    /// take time from a request.
    ///
    /// # Errors
    /// As [`write`](CookieSpec::write).
    ///
    /// # Panics
    /// As [`write`](CookieSpec::write).
    ///
    /// ```
    /// use std::time::{Duration, UNIX_EPOCH};
    /// use typed_cookies::CookieSpec;
    ///
    /// let spec = CookieSpec::new("theme").expires(60);
    /// let line = spec.write_at("dark", None, UNIX_EPOCH + Duration::from_secs(784_111_717))?;
    /// assert!(line.contains("; Max-Age=60; Expires=Sun, 06 Nov 1994 08:49:37 GMT"));
    /// # Ok::<(), typed_cookies::Error>(())
    /// ```
    pub fn write_at<T: Serialize + ?Sized>(
        &self,
        value: &T,
        keys: Option<&Keyring>,
        now: SystemTime,
    ) -> Result<String, Error> {
        self.validate()?;
        self.write_with(value, keys, to_unix(now), Nonce::Fresh)
    }

    /// [`write`](CookieSpec::write) now, for specs whose rules the compiler has already
    /// enforced (the derive's).
    pub(crate) fn write_now<T: Serialize + ?Sized>(
        &self,
        value: &T,
        keys: Option<&Keyring>,
    ) -> Result<String, Error> {
        self.write_with(value, keys, now_secs(), Nonce::Fresh)
    }

    /// Writes with a given clock and nonce; the caller has validated the spec. A type that
    /// tracks its sessions' origin begins a new session here (a login).
    pub(crate) fn write_with<T: Serialize + ?Sized>(
        &self,
        value: &T,
        keys: Option<&Keyring>,
        now: u64,
        nonce: Nonce,
    ) -> Result<String, Error> {
        let origin = if self.tracks_origin() {
            Some(Origin::begin(now)?)
        } else {
            None
        };
        self.write_session(value, keys, now, nonce, origin)
    }

    /// Writes a value of the session `origin` (`None` for types that track none).
    ///
    /// The authenticated expiry is the lifetime from `now`, bounded by the session's absolute
    /// end; the browser's `Max-Age` and `Expires` say the same, for types with a lifetime.
    pub(crate) fn write_session<T: Serialize + ?Sized>(
        &self,
        value: &T,
        keys: Option<&Keyring>,
        now: u64,
        nonce: Nonce,
        origin: Option<Origin>,
    ) -> Result<String, Error> {
        let expires_at = origin::expires_at(self, now, origin.as_ref());
        let (max_age, browser_expiry) = match (self.expires, expires_at) {
            (Some(_), Some(at)) => (Some(at.saturating_sub(now)), Some(at)),
            _ => (None, None),
        };
        if self.mode == Mode::Plain {
            let text = plain::encode(value)?;
            self.check_len(text.len())?;
            return Ok(render::set_cookie(
                self,
                render::Value::Text(&text),
                max_age,
                browser_expiry,
            ));
        }
        let keys = keys.ok_or(NO_KEYRING)?;
        let issue = Issue {
            now,
            expires_at,
            origin,
            nonce,
        };
        let browser = (max_age, browser_expiry);
        // Most cookies fit the small buffer; only larger ones pay for zeroing the large one.
        if let Some(line) = self.protect_and_render::<SMALL_RAW>(value, keys, &issue, browser)? {
            return Ok(line);
        }
        // A value that does not fit the largest buffer has more raw bytes than a cookie's
        // base64url text can carry.
        self.protect_and_render::<MAX_RAW>(value, keys, &issue, browser)?
            .ok_or_else(|| self.too_large(MAX_COOKIE_LEN + 1))
    }

    /// Writes through a stack buffer of `N` bytes. Never inlined: each buffer size keeps its
    /// own stack frame, so the common small write never reserves the large buffer's 3 KB.
    #[inline(never)]
    fn protect_and_render<const N: usize>(
        &self,
        value: &(impl Serialize + ?Sized),
        keys: &Keyring,
        issue: &Issue,
        (max_age, expires_at): (Option<u64>, Option<u64>),
    ) -> Result<Option<String>, Error> {
        let mut raw = [0u8; N];
        let Some(raw_len) = wire::protect(self, value, keys.primary(), issue, &mut raw)? else {
            return Ok(None);
        };
        let raw = &raw[..raw_len];
        let text_len = base64::encoded_len(raw_len, false).unwrap_or(usize::MAX);
        self.check_len(text_len)?;
        Ok(Some(render::set_cookie(
            self,
            render::Value::Base64(raw),
            max_age,
            expires_at,
        )))
    }

    fn too_large(&self, value_len: usize) -> Error {
        Error::TooLarge {
            len: self.name.len() + value_len,
            max: MAX_COOKIE_LEN,
        }
    }

    /// Refuses a value of `value_len` bytes that would make the cookie larger than browsers
    /// keep: the one place a write says [`Error::TooLarge`].
    pub(crate) fn check_len(&self, value_len: usize) -> Result<(), Error> {
        if self.name.len() + value_len > MAX_COOKIE_LEN {
            return Err(self.too_large(value_len));
        }
        Ok(())
    }

    /// The `Set-Cookie` value that deletes this cookie: empty value, `Max-Age=0`, an `Expires`
    /// in the past, and the same `Path`, `Domain`, `Secure` and `Partitioned` as the line that
    /// set it (browsers match on them; a `__Host-` cookie is only deleted by a `Secure` line).
    ///
    /// # Errors
    /// [`Error::BrokenRule`] for a spec that breaks a rule: nothing is rendered for it, so no
    /// attribute can be injected through a path or a domain.
    ///
    /// ```
    /// use typed_cookies::CookieSpec;
    ///
    /// assert_eq!(
    ///     CookieSpec::new("theme").path("/app").removal()?,
    ///     "theme=; Path=/app; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Secure; HttpOnly; SameSite=Lax",
    /// );
    /// assert!(CookieSpec::new("theme").path("/a; Domain=evil.example").removal().is_err());
    /// # Ok::<(), typed_cookies::Error>(())
    /// ```
    pub fn removal(&self) -> Result<String, Error> {
        self.validate()?;
        Ok(render::removal(self))
    }
}
