use std::time::{SystemTime, UNIX_EPOCH};

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::header::{self, CookieHeaders};
use crate::keyring::{KeyId, Keyring};
use crate::spec::{CookieSpec, Mode};
use crate::wire::{self, MAX_COOKIE_LEN, MAX_RAW, NONCE_LEN, SMALL_RAW};
use crate::{Error, plain, render};

pub(crate) const NO_KEYRING: Error =
    Error::Misconfigured("signed and sealed cookies need a keyring");

/// How many copies of one cookie name a read tries before it gives up, so a header stuffed
/// with thousands of copies costs bounded work.
pub const MAX_CANDIDATES: usize = 16;

/// A value read from a signed or sealed cookie together with what its authenticated header
/// said: when it was issued, when it expires and whether a previous key wrote it.
///
/// Use it for sliding sessions (re-issue when [`issued_at`](Verified::issued_at) is old),
/// revocation (reject sessions issued before a user's "valid after" time) and rotation
/// (re-write when [`written_by_previous_key`](Verified::written_by_previous_key) is set).
///
/// ```
/// use std::time::{Duration, SystemTime};
/// use typed_cookies::{CookieSpec, Keyring};
///
/// let spec = CookieSpec::new("s").signed().expires(3600);
/// let keys = Keyring::generate();
/// let now = SystemTime::now();
/// let line = spec.write_at(&7u32, Some(&keys), now)?;
/// let got = spec.read_verified_at::<u32, _>(&line, &keys, now)?.unwrap();
/// assert_eq!(got.value, 7);
/// assert_eq!(got.expires_at().unwrap().duration_since(got.issued_at()).unwrap(),
///            Duration::from_secs(3600));
/// assert!(!got.written_by_previous_key());
/// # Ok::<(), typed_cookies::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Verified<T> {
    /// The value.
    pub value: T,
    pub(crate) stamp: wire::Stamp,
}

impl<T> Verified<T> {
    /// When the cookie was written (whole seconds).
    ///
    /// ```
    /// # use typed_cookies::{CookieSpec, Keyring};
    /// # let keys = Keyring::generate();
    /// # let spec = CookieSpec::new("s").sealed();
    /// # let line = spec.write(&1u8, Some(&keys))?;
    /// let got = spec.read_verified::<u8, _>(&line, &keys)?.unwrap();
    /// assert!(got.issued_at() <= std::time::SystemTime::now());
    /// # Ok::<(), typed_cookies::Error>(())
    /// ```
    #[must_use]
    pub fn issued_at(&self) -> SystemTime {
        from_unix(self.stamp.issued_at)
    }

    /// When the cookie stops verifying, if it was written with a lifetime.
    ///
    /// ```
    /// # use typed_cookies::{CookieSpec, Keyring};
    /// # let keys = Keyring::generate();
    /// # let spec = CookieSpec::new("s").sealed();
    /// # let line = spec.write(&1u8, Some(&keys))?;
    /// let got = spec.read_verified::<u8, _>(&line, &keys)?.unwrap();
    /// assert_eq!(got.expires_at(), None);
    /// # Ok::<(), typed_cookies::Error>(())
    /// ```
    #[must_use]
    pub fn expires_at(&self) -> Option<SystemTime> {
        self.stamp.expires_at.map(from_unix)
    }

    /// The id of the key that wrote the cookie.
    ///
    /// ```
    /// # use typed_cookies::{CookieSpec, Keyring};
    /// # let keys = Keyring::generate();
    /// # let spec = CookieSpec::new("s").sealed();
    /// # let line = spec.write(&1u8, Some(&keys))?;
    /// let got = spec.read_verified::<u8, _>(&line, &keys)?.unwrap();
    /// assert_eq!(got.key_id(), keys.primary_id());
    /// # Ok::<(), typed_cookies::Error>(())
    /// ```
    #[must_use]
    pub fn key_id(&self) -> KeyId {
        self.stamp.key
    }

    /// Whether a previous (not the primary) key wrote the cookie: re-write it so it moves to
    /// the primary key before the previous one is retired.
    ///
    /// ```
    /// # use typed_cookies::{CookieSpec, Keyring};
    /// let old = Keyring::from_secret(&[1; 32])?;
    /// let new = Keyring::from_secret(&[2; 32])?.with_previous(&[1; 32])?;
    /// let spec = CookieSpec::new("s").sealed();
    /// let line = spec.write(&1u8, Some(&old)).unwrap();
    /// assert!(spec.read_verified::<u8, _>(&line, &new).unwrap().unwrap().written_by_previous_key());
    /// # Ok::<(), typed_cookies::KeyError>(())
    /// ```
    #[must_use]
    pub fn written_by_previous_key(&self) -> bool {
        !self.stamp.primary
    }

    /// Whether the cookie was written under an earlier type that the cookie type declares with
    /// `previous = ...`, and converted: write it again so it moves to the current type.
    ///
    /// ```
    /// use serde::{Deserialize, Serialize};
    /// use typed_cookies::{Cookie, Keyring};
    ///
    /// #[derive(Cookie, Serialize, Deserialize)]
    /// #[cookie(name = "prefs", signed)]
    /// struct PrefsV1 { lang: String }
    ///
    /// #[derive(Cookie, Serialize, Deserialize)]
    /// #[cookie(name = "prefs", signed, previous = PrefsV1)]
    /// struct Prefs { lang: String, dark: bool }
    ///
    /// impl From<PrefsV1> for Prefs {
    ///     fn from(old: PrefsV1) -> Self { Prefs { lang: old.lang, dark: false } }
    /// }
    ///
    /// let keys = Keyring::generate();
    /// let old = PrefsV1 { lang: "fr".into() }.to_set_cookie(&keys)?;
    /// let got = Prefs::from_header_verified(old.split(';').next().unwrap(), &keys)?.unwrap();
    /// assert!(got.migrated());
    /// assert_eq!(got.value.lang, "fr");
    /// # Ok::<(), typed_cookies::Error>(())
    /// ```
    #[must_use]
    pub fn migrated(&self) -> bool {
        self.stamp.generation > 0
    }

    /// Whether the cookie should be written again: a previous key wrote it, or it was
    /// [`migrated`](Verified::migrated) from an earlier type.
    ///
    /// ```
    /// # use typed_cookies::{CookieSpec, Keyring};
    /// # let keys = Keyring::generate();
    /// # let spec = CookieSpec::new("s").sealed();
    /// # let line = spec.write(&1u8, Some(&keys))?;
    /// let got = spec.read_verified::<u8, _>(&line, &keys)?.unwrap();
    /// assert!(!got.needs_rewrite());
    /// # Ok::<(), typed_cookies::Error>(())
    /// ```
    #[must_use]
    pub fn needs_rewrite(&self) -> bool {
        self.written_by_previous_key() || self.migrated()
    }

    /// The value, without its metadata.
    ///
    /// ```
    /// # use typed_cookies::{CookieSpec, Keyring};
    /// # let keys = Keyring::generate();
    /// # let spec = CookieSpec::new("s").sealed();
    /// # let line = spec.write(&1u8, Some(&keys))?;
    /// let value: u8 = spec.read_verified(&line, &keys)?.unwrap().into_inner();
    /// assert_eq!(value, 1);
    /// # Ok::<(), typed_cookies::Error>(())
    /// ```
    pub fn into_inner(self) -> T {
        self.value
    }
}

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
        self.write_with(value, keys, now_secs(), self.nonce())
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
        self.write_with(value, keys, to_unix(now), self.nonce())
    }

    /// [`write`](CookieSpec::write) for specs the derive made, whose rules the compiler has
    /// already enforced.
    #[doc(hidden)]
    pub fn __write_derived<T: Serialize + ?Sized>(
        &self,
        value: &T,
        keys: Option<&Keyring>,
    ) -> Result<String, Error> {
        self.write_with(value, keys, now_secs(), self.nonce())
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

    /// A fresh nonce for sealed cookies; other modes use none.
    fn nonce(&self) -> [u8; NONCE_LEN] {
        if self.mode == Mode::Sealed {
            random_nonce()
        } else {
            [0; NONCE_LEN]
        }
    }

    /// Writes with a given clock and nonce; the caller has validated the spec.
    pub(crate) fn write_with<T: Serialize + ?Sized>(
        &self,
        value: &T,
        keys: Option<&Keyring>,
        now: u64,
        nonce: [u8; NONCE_LEN],
    ) -> Result<String, Error> {
        let expires_at = self.max_age.map(|age| now.saturating_add(age));
        if self.mode == Mode::Plain {
            let text = plain::encode(value)?;
            self.check_len(text.len())?;
            return Ok(render::set_cookie(
                self,
                render::Value::Text(&text),
                self.max_age,
                expires_at,
            ));
        }
        let keys = keys.ok_or(NO_KEYRING)?;
        // Most cookies fit the small buffer; only larger ones pay for zeroing the large one.
        if let Some(line) =
            self.protect_and_render::<SMALL_RAW>(value, keys, now, nonce, expires_at)?
        {
            return Ok(line);
        }
        self.protect_and_render::<MAX_RAW>(value, keys, now, nonce, expires_at)?
            .ok_or(Error::Serialize)
    }

    /// Writes through a stack buffer of `N` bytes. Never inlined: each buffer size keeps its
    /// own stack frame, so the common small write never reserves the large buffer's 3 KB.
    #[inline(never)]
    fn protect_and_render<const N: usize>(
        &self,
        value: &(impl Serialize + ?Sized),
        keys: &Keyring,
        now: u64,
        nonce: [u8; NONCE_LEN],
        expires_at: Option<u64>,
    ) -> Result<Option<String>, Error> {
        let mut raw = [0u8; N];
        let Some(raw_len) = wire::protect(self, value, keys.primary(), now, nonce, &mut raw)?
        else {
            return Ok(None);
        };
        let raw = &raw[..raw_len];
        let text_len = base64::encoded_len(raw_len, false).unwrap_or(usize::MAX);
        self.check_len(text_len)?;
        Ok(Some(render::set_cookie(
            self,
            render::Value::Base64(raw),
            self.max_age,
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

    /// Reads this cookie from `headers` (a `Cookie` header value, several, or a header map).
    ///
    /// `Ok(None)` when the cookie is absent. When the name appears more than once, each copy is
    /// tried in order (at most [`MAX_CANDIDATES`]) and the first that verifies wins, so a forged
    /// copy tossed in from a sibling subdomain cannot hide the real one.
    ///
    /// # Errors
    /// When no copy verifies: [`Error::Expired`] if some copy was authentic but expired, else
    /// [`Error::Invalid`] if some copy was well-formed, else [`Error::Malformed`].
    /// [`Error::Misconfigured`] for a signed or sealed spec without `keys`.
    ///
    /// ```
    /// use typed_cookies::{CookieSpec, Error, Keyring};
    ///
    /// let spec = CookieSpec::new("n").signed();
    /// let keys = Keyring::generate();
    /// let line = spec.write(&5u16, Some(&keys))?;
    /// let pair = line.split(';').next().unwrap();
    /// let header = format!("n=forged; {pair}");
    /// assert_eq!(spec.read::<u16, _>(&header, Some(&keys))?, Some(5));
    /// assert_eq!(spec.read::<u16, _>("other=1", Some(&keys))?, None);
    /// assert_eq!(spec.read::<u16, _>("n=forged", Some(&keys)), Err(Error::Malformed));
    /// # Ok::<(), Error>(())
    /// ```
    pub fn read<T: DeserializeOwned, H: CookieHeaders + ?Sized>(
        &self,
        headers: &H,
        keys: Option<&Keyring>,
    ) -> Result<Option<T>, Error> {
        self.validate()?;
        self.read_checked(headers, keys, now_secs())
    }

    /// [`read`](CookieSpec::read) with an explicit clock.
    ///
    /// # Errors
    /// As [`read`](CookieSpec::read).
    ///
    /// ```
    /// use std::time::{Duration, SystemTime};
    /// use typed_cookies::{CookieSpec, Error, Keyring};
    ///
    /// let spec = CookieSpec::new("n").sealed().expires(60);
    /// let keys = Keyring::generate();
    /// let now = SystemTime::now();
    /// let line = spec.write_at(&5u16, Some(&keys), now)?;
    /// let later = now + Duration::from_secs(61);
    /// assert_eq!(spec.read_at::<u16, _>(&line, Some(&keys), later), Err(Error::Expired));
    /// # Ok::<(), Error>(())
    /// ```
    pub fn read_at<T: DeserializeOwned, H: CookieHeaders + ?Sized>(
        &self,
        headers: &H,
        keys: Option<&Keyring>,
        now: SystemTime,
    ) -> Result<Option<T>, Error> {
        self.validate()?;
        self.read_checked(headers, keys, to_unix(now))
    }

    fn read_checked<T: DeserializeOwned, H: CookieHeaders + ?Sized>(
        &self,
        headers: &H,
        keys: Option<&Keyring>,
        now: u64,
    ) -> Result<Option<T>, Error> {
        if self.mode == Mode::Plain {
            return self.read_plain(headers);
        }
        let keys = keys.ok_or(NO_KEYRING)?;
        Ok(self
            .read_verified_checked(headers, keys, now)?
            .map(Verified::into_inner))
    }

    /// Reads a signed or sealed cookie with its verified metadata (see [`Verified`]).
    ///
    /// # Errors
    /// As [`read`](CookieSpec::read); [`Error::Misconfigured`] for a plain spec, which has no
    /// metadata to verify.
    ///
    /// ```
    /// use typed_cookies::{CookieSpec, Keyring};
    ///
    /// let spec = CookieSpec::new("n").sealed();
    /// let keys = Keyring::generate();
    /// let line = spec.write("hi", Some(&keys))?;
    /// let got = spec.read_verified::<String, _>(&line, &keys)?.unwrap();
    /// assert_eq!(got.value, "hi");
    /// # Ok::<(), typed_cookies::Error>(())
    /// ```
    pub fn read_verified<T: DeserializeOwned, H: CookieHeaders + ?Sized>(
        &self,
        headers: &H,
        keys: &Keyring,
    ) -> Result<Option<Verified<T>>, Error> {
        self.validate()?;
        self.read_verified_checked(headers, keys, now_secs())
    }

    /// [`read_verified`](CookieSpec::read_verified) with an explicit clock.
    ///
    /// # Errors
    /// As [`read_verified`](CookieSpec::read_verified).
    ///
    /// ```
    /// use std::time::SystemTime;
    /// use typed_cookies::{CookieSpec, Keyring};
    ///
    /// let spec = CookieSpec::new("n").signed();
    /// let keys = Keyring::generate();
    /// let now = SystemTime::now();
    /// let line = spec.write_at(&1u8, Some(&keys), now)?;
    /// assert!(spec.read_verified_at::<u8, _>(&line, &keys, now)?.is_some());
    /// # Ok::<(), typed_cookies::Error>(())
    /// ```
    pub fn read_verified_at<T: DeserializeOwned, H: CookieHeaders + ?Sized>(
        &self,
        headers: &H,
        keys: &Keyring,
        now: SystemTime,
    ) -> Result<Option<Verified<T>>, Error> {
        self.validate()?;
        self.read_verified_checked(headers, keys, to_unix(now))
    }

    fn read_verified_checked<T: DeserializeOwned, H: CookieHeaders + ?Sized>(
        &self,
        headers: &H,
        keys: &Keyring,
        now: u64,
    ) -> Result<Option<Verified<T>>, Error> {
        if self.mode == Mode::Plain {
            return Err(Error::Misconfigured(
                "plain cookies carry no verified metadata",
            ));
        }
        first_ok(header::values(headers, self.name), |text| {
            let (value, stamp) = self.open_text::<T>(text, keys, now)?;
            Ok(Verified { value, stamp })
        })
    }

    /// Reads a plain cookie.
    pub(crate) fn read_plain<T: DeserializeOwned, H: CookieHeaders + ?Sized>(
        &self,
        headers: &H,
    ) -> Result<Option<T>, Error> {
        first_ok(header::values(headers, self.name), plain::decode)
    }

    /// Verifies and decodes one signed or sealed value, `text` as it stands in the header.
    pub(crate) fn open_text<T: DeserializeOwned>(
        &self,
        text: &[u8],
        keys: &Keyring,
        now: u64,
    ) -> Result<(T, wire::Stamp), Error> {
        if text.len() <= SMALL_RAW / 3 * 4 {
            self.open::<T, SMALL_RAW>(text, keys, now)
        } else {
            self.open::<T, MAX_RAW>(text, keys, now)
        }
    }

    /// Reads through a stack buffer of `N` bytes; never inlined, like
    /// [`protect_and_render`](CookieSpec::protect_and_render).
    #[inline(never)]
    fn open<T: DeserializeOwned, const N: usize>(
        &self,
        text: &[u8],
        keys: &Keyring,
        now: u64,
    ) -> Result<(T, wire::Stamp), Error> {
        let mut raw = [0u8; N];
        let n = URL_SAFE_NO_PAD
            .decode_slice(text, &mut raw)
            .map_err(|_| Error::Malformed)?;
        wire::open(self, &mut raw[..n], keys, now)
    }

    /// The `Set-Cookie` value that deletes this cookie: empty value, `Max-Age=0`, an `Expires`
    /// in the past, and the same `Path`, `Domain`, `Secure` and `Partitioned` as the line that
    /// set it (browsers match on them; a `__Host-` cookie is only deleted by a `Secure` line).
    ///
    /// ```
    /// use typed_cookies::CookieSpec;
    ///
    /// assert_eq!(
    ///     CookieSpec::new("theme").path("/app").removal(),
    ///     "theme=; Path=/app; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Secure; HttpOnly; SameSite=Lax",
    /// );
    /// ```
    #[must_use]
    pub fn removal(&self) -> String {
        render::removal(self)
    }
}

/// Tries each candidate in order and returns the first success; when none succeeds, the most
/// telling failure (expired over invalid over malformed). A value longer than browsers send
/// is malformed before it is decoded, which bounds the work of every read.
pub(crate) fn first_ok<'h, T>(
    candidates: impl Iterator<Item = &'h [u8]>,
    mut decode: impl FnMut(&'h [u8]) -> Result<T, Error>,
) -> Result<Option<T>, Error> {
    let mut worst: Option<Error> = None;
    for candidate in candidates.take(MAX_CANDIDATES) {
        let result = if candidate.len() > MAX_COOKIE_LEN {
            Err(Error::Malformed)
        } else {
            decode(candidate)
        };
        match result {
            Ok(v) => return Ok(Some(v)),
            Err(e) => {
                let rank = |e: &Error| match e {
                    Error::Expired => 3,
                    Error::Invalid => 2,
                    _ => 1,
                };
                if worst.as_ref().is_none_or(|w| rank(&e) > rank(w)) {
                    worst = Some(e);
                }
            }
        }
    }
    worst.map_or(Ok(None), Err)
}

/// Reseeds this thread's nonce generator from the operating system. Call it in a child
/// process right after `fork()` if the parent sealed cookies before forking: the generator is
/// per thread and a forked child would otherwise continue the parent's sequence, repeating its
/// nonces. Servers that do not fork (the usual Rust server) never need it.
///
/// # Errors
/// [`Error::Misconfigured`] when the operating system's random source fails.
///
/// ```
/// typed_cookies::reseed_after_fork()?;
/// # Ok::<(), typed_cookies::Error>(())
/// ```
pub fn reseed_after_fork() -> Result<(), Error> {
    rand::rng()
        .reseed()
        .map_err(|_| Error::Misconfigured("the operating system's random source failed"))
}

/// 96 fresh random bits from the thread-local CSPRNG (ChaCha12, seeded and periodically
/// reseeded from the operating system): a system call per cookie would cost more than sealing.
fn random_nonce() -> [u8; NONCE_LEN] {
    use rand::Rng as _;
    let mut nonce = [0u8; NONCE_LEN];
    rand::rng().fill_bytes(&mut nonce);
    nonce
}

/// The current Unix time in whole seconds, all the wire format carries.
///
/// On Linux it comes from `CLOCK_REALTIME_COARSE`, the wall clock as of the last timer tick (a
/// few milliseconds old at most), which costs a third of a precise reading; elsewhere from
/// [`SystemTime::now`].
pub(crate) fn now_secs() -> u64 {
    #[cfg(any(target_os = "linux", target_os = "android"))]
    {
        let t = rustix::time::clock_gettime(rustix::time::ClockId::RealtimeCoarse);
        u64::try_from(t.tv_sec).unwrap_or(0)
    }
    #[cfg(not(any(target_os = "linux", target_os = "android")))]
    {
        to_unix(SystemTime::now())
    }
}

fn to_unix(t: SystemTime) -> u64 {
    t.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

fn from_unix(secs: u64) -> SystemTime {
    UNIX_EPOCH + core::time::Duration::from_secs(secs)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The coarse clock is the wall clock of the last timer tick: never ahead of a precise
    /// reading taken after it, and behind one taken before it by at most a tick (so at most
    /// one whole second after truncation).
    #[test]
    fn the_clock_reads_the_wall_clock() {
        for _ in 0..1000 {
            let before = to_unix(SystemTime::now());
            let coarse = now_secs();
            let after = to_unix(SystemTime::now());
            assert!(coarse <= after, "{coarse} > {after}");
            assert!(coarse + 1 >= before, "{coarse} + 1 < {before}");
        }
    }
}
