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
use crate::keyring::Keyring;
use crate::nonce::Nonce;
use crate::origin::Origin;
use crate::spec::CookieSpec;
use crate::{Error, TypedCookie, Verified};

/// What a re-issue carries over from the session it continues. Named by a hidden trait method
/// of [`TypedCookie`]; not meant to be used directly.
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
    fn of<T>(session: &Verified<T>, now: u64, tracks: bool) -> Continuation {
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
    /// let old = Keyring::from_secret(&[1; 32]).unwrap();
    /// let keys = Keyring::from_secret(&[2; 32]).unwrap().with_previous(&[1; 32]).unwrap();
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

/// The cookies one request re-issues: a re-issue layer puts one into the request's
/// extensions, the extractors add to it, and the layer appends its lines to the response.
#[cfg(any(feature = "axum", feature = "actix-web"))]
#[derive(Debug, Default)]
pub(crate) struct Pending(std::sync::Mutex<Vec<(&'static str, String)>>);

#[cfg(any(feature = "axum", feature = "actix-web"))]
impl Pending {
    /// Adds the re-issue of `session` if it is due; once per cookie name and request. A write
    /// that fails leaves the cookie as it is, to expire on its own terms.
    pub(crate) fn offer<T: TypedCookie>(&self, session: &Verified<T>, keys: &Keyring) {
        let now = now_secs();
        if !session.is_due_at(now) {
            return;
        }
        let Ok(mut lines) = self.0.lock() else {
            return;
        };
        if lines.iter().any(|(name, _)| *name == T::SPEC.name) {
            return;
        }
        let continuation = Continuation::of(session, now, T::SPEC.tracks_origin());
        if let Ok(line) = session.value.__reissue(keys, &continuation) {
            lines.push((T::SPEC.name, line));
        }
    }

    /// Whether nothing was found due: the common response, which the layers then leave alone
    /// without looking at its headers.
    pub(crate) fn is_empty(&self) -> bool {
        self.0.lock().map_or(true, |lines| lines.is_empty())
    }

    /// The lines to send, except for cookies the response sets itself (`already_set`, the
    /// names of its `Set-Cookie` lines): a handler that logs in or out has the last word.
    pub(crate) fn take<'a>(
        &self,
        already_set: impl Iterator<Item = &'a [u8]> + Clone,
    ) -> Vec<String> {
        let Ok(mut lines) = self.0.lock() else {
            return Vec::new();
        };
        lines
            .drain(..)
            .filter(|(name, _)| {
                !already_set
                    .clone()
                    .any(|line| set_cookie_name(line) == name.as_bytes())
            })
            .map(|(_, line)| line)
            .collect()
    }
}

/// The cookie name of a `Set-Cookie` line, whitespace around it trimmed.
#[cfg(any(feature = "axum", feature = "actix-web", test))]
fn set_cookie_name(line: &[u8]) -> &[u8] {
    let pair = line.split(|&b| b == b';').next().unwrap_or_default();
    let name = pair.split(|&b| b == b'=').next().unwrap_or_default();
    name.trim_ascii()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_of_set_cookie_lines() {
        assert_eq!(set_cookie_name(b"a=1; Path=/"), b"a");
        assert_eq!(set_cookie_name(b" __Host-s =; Max-Age=0"), b"__Host-s");
        assert_eq!(set_cookie_name(b""), b"");
    }
}
