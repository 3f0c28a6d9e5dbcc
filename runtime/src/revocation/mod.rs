//! Revocation for stateless cookies: "log out everywhere", and one stolen session, refused by
//! the extractors although the cookies still verify.
//!
//! A cookie type names its subject (the user it belongs to) with `#[cookie(subject = "field")]`.
//! The application attaches a [`Revocation`] hook to its keyring
//! ([`Keyring::with_revocations`](crate::Keyring::with_revocations)); the extractors of signed
//! and sealed cookies ask it, with the verified subject, issue time and login time, before they
//! hand a value to a handler (the CSRF extractors too). A revoked session reads as absent:
//! `ReadCookie` gives `None`, `RequireCookie` answers `401 Unauthorized`, the CSRF extractors
//! `403 Forbidden`.
//!
//! Cost: one call of the hook per extracted cookie, after verification (so forged cookies never
//! reach the store): a lock and two map look-ups for [`MemoryRevocations`], one round trip
//! (`MGET` of two keys) for `RedisRevocations`. When the hook fails (the store is unreachable),
//! the session is refused: fail closed, unless [`Revocations::fail_open`] says otherwise.

mod memory;
#[cfg(feature = "redis")]
#[cfg_attr(docsrs, doc(cfg(feature = "redis")))]
mod redis;

mod check;
mod hook;

pub use hook::{Revocation, RevocationFuture, Revocations, SessionRef, StoreError};
pub use memory::MemoryRevocations;
#[cfg(feature = "redis")]
pub use redis::{CONNECTION_TIMEOUT, RESPONSE_TIMEOUT, RedisRevocations};
