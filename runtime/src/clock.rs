//! The wall clock, in the whole seconds the wire format carries.

use std::time::{SystemTime, UNIX_EPOCH};

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

pub(crate) fn to_unix(t: SystemTime) -> u64 {
    t.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

pub(crate) fn from_unix(secs: u64) -> SystemTime {
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
