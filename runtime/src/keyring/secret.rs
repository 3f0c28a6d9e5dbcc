//! What a master secret must be.

/// The shortest master secret a [`Keyring`](super::Keyring) accepts, in bytes.
pub const MIN_SECRET_LEN: usize = 32;
