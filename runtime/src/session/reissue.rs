//! Writing a session again: a sliding session past its refresh time (`refresh`), a cookie
//! written by a previous key, and one migrated from a previous type (`previous = ...`).
//!
//! A re-issued cookie keeps its session's origin (the login time and session id, see
//! [`Verified::login_at`]), so the absolute limit (`max_lifetime`) still counts from the login
//! and CSRF tokens stay good. The integrations' re-issue layers (axum's
//! `integrations::axum::ReissueLayer`, actix-web's `integrations::actix_web::Reissue`) do it on
//! every response without handler code; elsewhere, call [`Verified::reissue`] and send the line.

use std::time::SystemTime;

use serde::Serialize;

use crate::clock::{now_secs, to_unix};
use crate::cookie::TypedCookie;
use crate::error::Error;
use crate::keyring::Keyring;
use crate::spec::CookieSpec;
use crate::verified::Verified;
use crate::write::{Continuation, write_continued};

impl<T: TypedCookie> Verified<T> {
    /// Whether the cookie should be written again now: its refresh time has come, a previous
    /// key wrote it, or it was migrated from a previous type (unless the type still writes its
    /// previous type, `write_previous`).
    ///
    /// ```
    /// use serde::{Deserialize, Serialize};
    /// use typed_cookies::{Cookie, Keyring};
    ///
    /// #[derive(Cookie, Serialize, Deserialize)]
    /// #[cookie(name = "__Host-session", sealed, expires = "2h", refresh = "15m")]
    /// struct Session { user_id: u64 }
    ///
    /// let keys = Keyring::generate();
    /// let line = Session { user_id: 7 }.to_set_cookie(&keys)?;
    /// let session = Session::from_header_verified(line.split(';').next().unwrap(), &keys)?.unwrap();
    /// assert!(!session.is_due());
    /// # Ok::<(), typed_cookies::Error>(())
    /// ```
    #[must_use]
    pub fn is_due(&self) -> bool {
        self.is_due_at(now_secs())
    }

    pub(crate) fn is_due_at(&self, now: u64) -> bool {
        self.written_by_previous_key()
            || (self.migrated() && !T::__WRITES_PREVIOUS)
            || self.stamp.refresh_at.is_some_and(|at| now >= at)
    }

    /// The `Set-Cookie` line that writes this session again, when it [is due](Verified::is_due):
    /// the same value with a fresh lifetime under the primary key, written as `to_set_cookie`
    /// writes it (the current type, or the previous one under `write_previous`), with the
    /// session's login time and id kept. `None` when it is not due.
    ///
    /// # Errors
    /// As `to_set_cookie`.
    ///
    /// ```
    /// use serde::{Deserialize, Serialize};
    /// use typed_cookies::{Cookie, Keyring};
    ///
    /// #[derive(Cookie, Serialize, Deserialize)]
    /// #[cookie(name = "__Host-session", sealed, expires = "2h", max_lifetime = "30d")]
    /// struct Session { user_id: u64 }
    ///
    /// let old = Keyring::from_test_secret(&[1; 32]).unwrap();
    /// let keys = Keyring::from_test_secret(&[2; 32]).unwrap().with_previous(&[1; 32]).unwrap();
    /// let line = Session { user_id: 7 }.to_set_cookie(&old)?;
    /// let session = Session::from_header_verified(line.split(';').next().unwrap(), &keys)?.unwrap();
    /// // Written by the previous key: due, and re-issued under the primary key.
    /// let again = session.reissue(&keys)?.expect("due");
    /// let renewed = Session::from_header_verified(again.split(';').next().unwrap(), &keys)?.unwrap();
    /// assert!(!renewed.written_by_previous_key());
    /// assert_eq!(renewed.login_at(), session.login_at());
    /// # Ok::<(), typed_cookies::Error>(())
    /// ```
    pub fn reissue(&self, keys: &Keyring) -> Result<Option<String>, Error> {
        let () = T::VALID;
        let now = now_secs();
        if !self.is_due_at(now) {
            return Ok(None);
        }
        self.value
            .__reissue(keys, &Continuation::of(self, now, T::SPEC.tracks_origin()))
            .map(Some)
    }
}

impl CookieSpec {
    /// [`Verified::reissue`] for a value read with this hand-built spec: the `Set-Cookie` line
    /// that writes `session` again at `now`, when its refresh time has come or a previous key
    /// wrote it.
    ///
    /// # Errors
    /// As [`write`](CookieSpec::write).
    ///
    /// ```
    /// use std::time::{Duration, SystemTime};
    /// use typed_cookies::{CookieSpec, Keyring};
    ///
    /// let spec = CookieSpec::new("s").signed().expires(3600).refresh(600);
    /// let keys = Keyring::generate();
    /// let start = SystemTime::now();
    /// let line = spec.write_at(&7u32, Some(&keys), start)?;
    /// let later = start + Duration::from_secs(601);
    /// let session = spec.read_verified_at::<u32, _>(&line, &keys, later)?.unwrap();
    /// assert!(spec.reissue_at(&session, &keys, start + Duration::from_secs(10))?.is_none());
    /// let again = spec.reissue_at(&session, &keys, later)?.expect("past its refresh time");
    /// assert!(again.contains("Max-Age=3600"));
    /// # Ok::<(), typed_cookies::Error>(())
    /// ```
    pub fn reissue_at<T: Serialize>(
        &self,
        session: &Verified<T>,
        keys: &Keyring,
        now: SystemTime,
    ) -> Result<Option<String>, Error> {
        self.validate()?;
        let now = to_unix(now);
        let due = session.written_by_previous_key()
            || session.stamp.refresh_at.is_some_and(|at| now >= at);
        if !due {
            return Ok(None);
        }
        let continuation = Continuation::of(session, now, self.tracks_origin());
        write_continued(self, &session.value, keys, &continuation).map(Some)
    }
}
