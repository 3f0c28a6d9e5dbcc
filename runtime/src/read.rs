//! The read path: `Cookie` request headers to a verified value.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use std::time::SystemTime;

use serde::de::DeserializeOwned;

use crate::clock::{now_secs, to_unix};
use crate::header::{self, CookieHeaders};
use crate::keyring::Keyring;
use crate::spec::{CookieSpec, Mode};
use crate::verified::Verified;
use crate::wire::{self, MAX_COOKIE_LEN, MAX_RAW, SMALL_RAW};
use crate::write::NO_KEYRING;
use crate::{Error, plain};

/// How many well-formed copies of one cookie name a read verifies before it gives up, so a
/// header stuffed with thousands of copies costs bounded work. Copies that are not well-formed
/// cost no verification and do not count.
pub const MAX_CANDIDATES: usize = 16;

impl CookieSpec {
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
}

/// Tries each candidate in order and returns the first success; when none succeeds, the most
/// telling failure (expired over invalid over malformed).
///
/// The work is bounded twice: a value longer than browsers send is malformed before it is
/// decoded, and at most [`MAX_CANDIDATES`] well-formed copies are verified. Copies that are not
/// even well-formed cost a scan and a decode, no cryptography, and do not count, so junk placed
/// before the real cookie cannot use up the budget.
pub(crate) fn first_ok<'h, T>(
    candidates: impl Iterator<Item = &'h [u8]>,
    mut decode: impl FnMut(&'h [u8]) -> Result<T, Error>,
) -> Result<Option<T>, Error> {
    let mut worst: Option<Error> = None;
    let mut verified = 0;
    for candidate in candidates {
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
                if rank(&e) > 1 {
                    verified += 1;
                }
                if worst.as_ref().is_none_or(|w| rank(&e) > rank(w)) {
                    worst = Some(e);
                }
                if verified == MAX_CANDIDATES {
                    break;
                }
            }
        }
    }
    worst.map_or(Ok(None), Err)
}
