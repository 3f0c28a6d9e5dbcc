//! What the server's log says of a refused cookie: a `tracing` event with the cookie's name,
//! the reason and the key id the value names, never the value, a token or a secret. Refusals a
//! client causes (malformed, forged, expired, revoked) are `debug` events, one per copy of the
//! cookie; a store that does not answer is a `warn` event, since every user meets it.

use crate::error::Error;
use crate::keyring::KeyId;

/// Why a cookie was refused, as the log says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Reason {
    /// Not this crate's format at all.
    Malformed,
    /// Well-formed, under a key this keyring holds, but its tag does not verify: forged,
    /// tampered with, meant for another cookie, or written under another schema or mode.
    Invalid,
    /// Names a key this keyring does not hold: a retired key, or a server with another secret.
    UnknownKey,
    /// Authentic but past its expiry or its session's end.
    Expired,
    /// Authentic, and revoked by the keyring's revocation hook.
    Revoked,
    /// The revocation store did not answer.
    StoreUnavailable,
}

impl Reason {
    fn as_str(self) -> &'static str {
        match self {
            Reason::Malformed => "malformed",
            Reason::Invalid => "invalid (forged, or written for another cookie, schema or mode)",
            Reason::UnknownKey => "unknown key id",
            Reason::Expired => "expired",
            Reason::Revoked => "revoked",
            Reason::StoreUnavailable => "revocation store unavailable",
        }
    }

    /// The reason for a read that failed with `error`, where `known_key` says whether the
    /// keyring holds the key the value names.
    pub(crate) fn of(error: &Error, known_key: bool) -> Reason {
        match error {
            Error::Expired => Reason::Expired,
            Error::Revoked => Reason::Revoked,
            Error::Invalid if !known_key => Reason::UnknownKey,
            Error::Invalid => Reason::Invalid,
            Error::RevocationNeedsAsync => Reason::StoreUnavailable,
            _ => Reason::Malformed,
        }
    }
}

/// Records that a copy of the cookie `cookie` was refused.
pub(crate) fn report(cookie: &str, reason: Reason, key: Option<KeyId>) {
    let reason = reason.as_str();
    match key {
        Some(key) => tracing::debug!(cookie, reason, key_id = %key, "cookie refused"),
        None => tracing::debug!(cookie, reason, "cookie refused"),
    }
}

/// Records that the revocation store did not answer a check of `cookie`.
pub(crate) fn store_unavailable(cookie: &str, fail_open: bool) {
    let outcome = if fail_open {
        "let through (fail open)"
    } else {
        "refused (fail closed)"
    };
    tracing::warn!(
        cookie,
        reason = Reason::StoreUnavailable.as_str(),
        outcome,
        "revocation check failed"
    );
}
