//! The write path: a value to a complete `Set-Cookie` line.

use std::time::SystemTime;

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::clock::{now_secs, to_unix};
use crate::keyring::Keyring;
use crate::nonce::Nonce;
use crate::origin::Origin;
use crate::spec::{CookieSpec, Mode};
use crate::wire::{self, Issue, MAX_COOKIE_LEN, MAX_RAW, SMALL_RAW};
use crate::{Error, plain, render};

/// What a signed or sealed write without a keyring fails with.
pub(crate) const NO_KEYRING: Error =
    Error::Misconfigured("signed and sealed cookies need a keyring");

impl CookieSpec {
    /// Renders the complete `Set-Cookie` value for `value`, stamped with the current time.
    ///
    /// Plain specs ignore `keys`; signed and sealed specs require them. The result is allocated
    /// once; signing and sealing run on the stack.
    ///
    /// # Errors
    /// [`Error::TooLarge`] when name and value would exceed 4096 bytes, [`Error::Serialize`]
    /// when `value` fails to serialize, [`Error::Misconfigured`] for a spec that breaks a rule
    /// or a signed or sealed spec without `keys`.
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

    /// [`write`](CookieSpec::write) for specs the derive made, whose rules the compiler has
    /// already enforced.
    #[doc(hidden)]
    pub fn __write_derived<T: Serialize + ?Sized>(
        &self,
        value: &T,
        keys: Option<&Keyring>,
    ) -> Result<String, Error> {
        self.write_with(value, keys, now_secs(), Nonce::Fresh)
    }

    /// Checks that a line this spec just wrote reads back as a `T`: for types whose shape
    /// includes a custom serializer that the derive cannot see.
    #[doc(hidden)]
    pub fn check_reads_back<T: DeserializeOwned>(
        &self,
        line: &str,
        keys: Option<&Keyring>,
    ) -> Result<(), Error> {
        let pair = line.split(';').next().unwrap_or_default();
        let read = match keys {
            Some(keys) if self.mode != Mode::Plain => {
                let text = pair.split_once('=').map_or("", |(_, v)| v);
                self.open_text::<T>(text.as_bytes(), keys, now_secs())
                    .map(drop)
            }
            _ => self.read_plain::<T, _>(pair).map(drop),
        };
        read.map_err(|_| Error::Serialize)
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
        let expires_at = crate::origin::expires_at(self, now, origin.as_ref());
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
        self.protect_and_render::<MAX_RAW>(value, keys, &issue, browser)?
            .ok_or(Error::Serialize)
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

    fn check_len(&self, value_len: usize) -> Result<(), Error> {
        if self.name.len() + value_len > MAX_COOKIE_LEN {
            return Err(self.too_large(value_len));
        }
        Ok(())
    }

    /// The `Set-Cookie` value that deletes this cookie: empty value, `Max-Age=0`, an `Expires`
    /// in the past, and the same `Path`, `Domain`, `Secure` and `Partitioned` as the line that
    /// set it (browsers match on them; a `__Host-` cookie is only deleted by a `Secure` line).
    ///
    ///
    /// # Errors
    /// [`Error::Misconfigured`] for a spec that breaks a rule: nothing is rendered for it, so no
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
