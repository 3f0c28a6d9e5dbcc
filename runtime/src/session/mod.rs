//! Sessions over signed and sealed cookies: where a session began (its origin), the timeouts
//! a read applies, and writing a due session again.

pub(crate) mod origin;
#[cfg(any(feature = "axum", feature = "actix-web"))]
pub(crate) mod pending;
pub(crate) mod reissue;
pub(crate) mod timeouts;
