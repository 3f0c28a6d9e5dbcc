//! Fork-safe randomness for nonces and session ids.
//!
//! The thread-local CSPRNG (ChaCha12, seeded from the operating system) is fast, but a forked
//! child inherits its parent's state: a `pthread_atfork` handler (through `forkguard`) marks the
//! fork, and the child reseeds from the operating system before its first draw, so parent and
//! child never draw the same bytes.

use core::cell::RefCell;

use crate::error::Error;

thread_local! {
    /// Whether this thread's generator was seeded in this process: `None` where fork detection
    /// is unavailable, which makes every seal reseed.
    static FORK_GUARD: RefCell<Option<forkguard::Guard>> = RefCell::new(new_guard());
}

fn new_guard() -> Option<forkguard::Guard> {
    #[cfg(all(unix, not(miri)))]
    {
        forkguard::Guard::try_new().ok()
    }
    #[cfg(not(all(unix, not(miri))))]
    {
        Some(forkguard::new())
    }
}

/// Fills `out` from the thread-local CSPRNG, reseeded from the operating system first in a
/// forked child (see the module documentation): for nonces and session ids.
///
/// # Errors
/// [`Error::RandomSource`] when that reseed finds the operating system's random source failing.
pub(crate) fn fill(out: &mut [u8]) -> Result<(), Error> {
    use rand::Rng as _;
    let forked = FORK_GUARD.with_borrow_mut(|g| g.as_mut().is_none_or(|g| g.detected_fork()));
    let mut rng = rand::rng();
    if forked {
        rng.reseed().map_err(|_| Error::RandomSource)?;
    }
    rng.fill_bytes(out);
    Ok(())
}
