use std::time::SystemTime;

use crate::clock::from_unix;
use crate::keyring::KeyId;
use crate::session::origin::Origin;

/// What a verified value's authenticated header and origin said about it, and what the reading
/// type's timeouts make of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Stamp {
    pub(crate) issued_at: u64,
    pub(crate) expires_at: Option<u64>,
    pub(crate) key: KeyId,
    pub(crate) primary: bool,
    /// 0 for the current type, 1 for its `previous` type, and so on.
    pub(crate) generation: u8,
    /// The session's origin, for types that track one.
    pub(crate) origin: Option<Origin>,
    /// When the reading type's `refresh` makes the value due to be written again.
    pub(crate) refresh_at: Option<u64>,
    /// When the reading type's `max_lifetime` ends the session.
    pub(crate) ends_at: Option<u64>,
}

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
    pub(crate) stamp: Stamp,
}

/// The value itself: `session.user_id` reads the value's field.
///
/// ```
/// # use typed_cookies::{CookieSpec, Keyring};
/// # let keys = Keyring::generate();
/// let spec = CookieSpec::new("s").sealed();
/// let line = spec.write(&(7u64, "ada"), Some(&keys))?;
/// let got = spec.read_verified::<(u64, String), _>(&line, &keys)?.unwrap();
/// assert_eq!(got.0, 7);
/// # Ok::<(), typed_cookies::Error>(())
/// ```
impl<T> core::ops::Deref for Verified<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.value
    }
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

    /// When the cookie stops verifying: its lifetime (or, for a type without `expires`, the
    /// [default server lifetime](crate::rules::DEFAULT_SERVER_LIFETIME_SECS)) from its issue
    /// time, bounded by the session's absolute end. `None` only for a value written before
    /// every signed and sealed value carried one, read by a type whose lifetime is
    /// unbounded, which no type is any more.
    ///
    /// ```
    /// # use std::time::Duration;
    /// # use typed_cookies::{CookieSpec, Keyring};
    /// # let keys = Keyring::generate();
    /// # let spec = CookieSpec::new("s").sealed();
    /// # let line = spec.write(&1u8, Some(&keys))?;
    /// let got = spec.read_verified::<u8, _>(&line, &keys)?.unwrap();
    /// let default = Duration::from_secs(typed_cookies::rules::DEFAULT_SERVER_LIFETIME_SECS);
    /// assert_eq!(got.expires_at(), Some(got.issued_at() + default));
    /// # Ok::<(), typed_cookies::Error>(())
    /// ```
    #[must_use]
    pub fn expires_at(&self) -> Option<SystemTime> {
        self.stamp.expires_at.map(from_unix)
    }

    /// When the session began: the login, however often the cookie was re-issued since, for
    /// types that declare `refresh` or `max_lifetime` (the time is authenticated); the issue
    /// time for other types.
    ///
    /// ```
    /// # use typed_cookies::{CookieSpec, Keyring};
    /// # let keys = Keyring::generate();
    /// let spec = CookieSpec::new("s").sealed().expires(3600).refresh(600);
    /// let line = spec.write(&1u8, Some(&keys))?;
    /// let got = spec.read_verified::<u8, _>(&line, &keys)?.unwrap();
    /// assert_eq!(got.login_at(), got.issued_at());
    /// # Ok::<(), typed_cookies::Error>(())
    /// ```
    #[must_use]
    pub fn login_at(&self) -> SystemTime {
        from_unix(
            self.stamp
                .origin
                .map_or(self.stamp.issued_at, |o| o.login_at),
        )
    }

    /// When the cookie is due to be written again with a fresh lifetime (its issue time plus
    /// the type's `refresh`), if the type declares a refresh interval.
    ///
    /// ```
    /// # use std::time::Duration;
    /// # use typed_cookies::{CookieSpec, Keyring};
    /// # let keys = Keyring::generate();
    /// let spec = CookieSpec::new("s").sealed().expires(3600).refresh(600);
    /// let line = spec.write(&1u8, Some(&keys))?;
    /// let got = spec.read_verified::<u8, _>(&line, &keys)?.unwrap();
    /// assert_eq!(got.refresh_at(), Some(got.issued_at() + Duration::from_secs(600)));
    /// # Ok::<(), typed_cookies::Error>(())
    /// ```
    #[must_use]
    pub fn refresh_at(&self) -> Option<SystemTime> {
        self.stamp.refresh_at.map(from_unix)
    }

    /// When the session ends for good, however often it is re-issued: the login plus the
    /// type's `max_lifetime`, if it declares one.
    ///
    /// ```
    /// # use std::time::Duration;
    /// # use typed_cookies::{CookieSpec, Keyring};
    /// # let keys = Keyring::generate();
    /// let spec = CookieSpec::new("s").sealed().expires(3600).max_lifetime(86_400);
    /// let line = spec.write(&1u8, Some(&keys))?;
    /// let got = spec.read_verified::<u8, _>(&line, &keys)?.unwrap();
    /// assert_eq!(got.ends_at(), Some(got.login_at() + Duration::from_secs(86_400)));
    /// # Ok::<(), typed_cookies::Error>(())
    /// ```
    #[must_use]
    pub fn ends_at(&self) -> Option<SystemTime> {
        self.stamp.ends_at.map(from_unix)
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
    /// let old = Keyring::from_test_secret(&[1; 32])?;
    /// let new = Keyring::from_test_secret(&[2; 32])?.with_previous(&[1; 32])?;
    /// let spec = CookieSpec::new("s").sealed();
    /// let line = spec.write(&1u8, Some(&old)).unwrap();
    /// assert!(spec.read_verified::<u8, _>(&line, &new).unwrap().unwrap().written_by_previous_key());
    /// # Ok::<(), typed_cookies::keyring::KeyError>(())
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
    /// let value: u8 = spec.read_verified::<u8, _>(&line, &keys)?.unwrap().into_inner();
    /// assert_eq!(value, 1);
    /// # Ok::<(), typed_cookies::Error>(())
    /// ```
    pub fn into_inner(self) -> T {
        self.value
    }
}
