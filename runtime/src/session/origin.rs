//! A session's origin: when its user logged in, and a random id for the session, carried inside
//! the authenticated payload of cookie types that declare `refresh` or `max_lifetime`. Both
//! survive every re-issue, so the absolute limit counts from the login however often the
//! cookie is written again, CSRF tokens stay good across re-issues, and revocation can name
//! one session. A client can change neither (docs/FORMAT.md, "Session origin").

use crate::error::Error;
use crate::spec::CookieSpec;

/// Login time (8 bytes, big-endian Unix seconds) and session id (8 random bytes).
pub(crate) const LEN: usize = 16;

/// The origin of one session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Origin {
    /// When the session began (Unix seconds).
    pub(crate) login_at: u64,
    /// Random, fixed for the session's whole life.
    pub(crate) id: [u8; 8],
}

impl Origin {
    /// A new session beginning at `now`.
    ///
    /// # Errors
    /// [`Error::RandomSource`] when the random source fails after a fork.
    pub(crate) fn begin(now: u64) -> Result<Origin, Error> {
        let mut id = [0u8; 8];
        crate::random::fill(&mut id)?;
        Ok(Origin { login_at: now, id })
    }

    pub(crate) fn to_bytes(self) -> [u8; LEN] {
        let mut out = [0u8; LEN];
        out[..8].copy_from_slice(&self.login_at.to_be_bytes());
        out[8..].copy_from_slice(&self.id);
        out
    }

    /// Splits an origin off the front of a payload; `None` when it is too short.
    pub(crate) fn split(payload: &[u8]) -> Option<(Origin, &[u8])> {
        let (head, rest) = payload.split_first_chunk::<LEN>()?;
        let (at, id) = head.split_at(8);
        let origin = Origin {
            login_at: u64::from_be_bytes(at.try_into().ok()?),
            id: id.try_into().ok()?,
        };
        Some((origin, rest))
    }
}

/// When a value of `spec` written at `now` stops verifying: its lifetime from now, bounded by
/// its absolute limit from the login; `None` for neither.
#[inline]
pub(crate) fn expires_at(spec: &CookieSpec, now: u64, origin: Option<&Origin>) -> Option<u64> {
    let lifetime = spec
        .server_lifetime_secs()
        .map(|age| now.saturating_add(age));
    let limit = end_of_session(spec, now, origin);
    match (lifetime, limit) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// The absolute end of a session of `spec` (login time plus `max_lifetime`), where a value
/// without an origin counts from `issued_at`.
#[inline]
pub(crate) fn end_of_session(
    spec: &CookieSpec,
    issued_at: u64,
    origin: Option<&Origin>,
) -> Option<u64> {
    let login = origin.map_or(issued_at, |o| o.login_at);
    spec.max_lifetime.map(|max| login.saturating_add(max))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_round_trip_and_short_payloads_are_refused() {
        let o = Origin {
            login_at: 0x0102_0304_0506_0708,
            id: [9, 10, 11, 12, 13, 14, 15, 16],
        };
        let mut payload = o.to_bytes().to_vec();
        payload.extend_from_slice(b"rest");
        assert_eq!(Origin::split(&payload), Some((o, &b"rest"[..])));
        assert_eq!(Origin::split(&payload[..LEN - 1]), None);
    }

    #[test]
    fn the_absolute_limit_bounds_the_lifetime() {
        let spec = CookieSpec::new("s")
            .sealed()
            .expires(100)
            .max_lifetime(1000);
        let o = Origin {
            login_at: 10_000,
            id: [0; 8],
        };
        assert_eq!(expires_at(&spec, 10_000, Some(&o)), Some(10_100));
        assert_eq!(expires_at(&spec, 10_950, Some(&o)), Some(11_000));
        assert_eq!(expires_at(&spec, 10_950, None), Some(11_050));
        let no_expiry = CookieSpec::new("s").sealed().max_lifetime(1000);
        assert_eq!(expires_at(&no_expiry, 10_500, Some(&o)), Some(11_000));
        assert_eq!(expires_at(&CookieSpec::new("s"), 5, None), None);
        let default = crate::rules::DEFAULT_SERVER_LIFETIME_SECS;
        assert_eq!(
            expires_at(&CookieSpec::new("s").sealed(), 5, None),
            Some(5 + default)
        );
    }

    #[test]
    fn fresh_ids_differ() {
        let a = Origin::begin(1).unwrap();
        let b = Origin::begin(1).unwrap();
        assert_ne!(a.id, b.id);
    }
}
