//! The timeouts step of a read: the reading type's lifetime, refresh interval and absolute
//! limit applied to a verified value's authenticated times.

use super::origin;
use crate::error::Error;
use crate::spec::CookieSpec;
use crate::verified::Stamp;

/// Applies the timeouts of the type that reads the value (which is not the writer's, for a
/// value migrated from a previous type) at `now`: its refresh time and absolute end, and the
/// expiry they bound.
///
/// The reader's own lifetime bounds the value too, whatever expiry (or none) its writer gave
/// it: a value written before `expires` was set or shortened ends on this reader's terms,
/// counted from its authenticated issue time (a type without `expires` allows
/// [`DEFAULT_SERVER_LIFETIME_SECS`](crate::rules::DEFAULT_SERVER_LIFETIME_SECS)); one written
/// before `max_lifetime` was declared,
/// which carries no login time, counts from its issue time.
///
/// # Errors
/// [`Error::Expired`] when the value has expired or the session has reached its end.
#[inline]
pub(crate) fn apply(stamp: &mut Stamp, spec: &CookieSpec, now: u64) -> Result<(), Error> {
    stamp.refresh_at = spec
        .refresh
        .map(|every| stamp.issued_at.saturating_add(every));
    stamp.ends_at = origin::end_of_session(spec, stamp.issued_at, stamp.origin.as_ref());
    let ours = spec
        .server_lifetime_secs()
        .map(|age| stamp.issued_at.saturating_add(age));
    for bound in [ours, stamp.ends_at].into_iter().flatten() {
        stamp.expires_at = Some(stamp.expires_at.map_or(bound, |at| at.min(bound)));
    }
    if stamp.expires_at.is_some_and(|at| now >= at) {
        return Err(Error::Expired);
    }
    Ok(())
}
