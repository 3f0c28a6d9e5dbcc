//! The hook as the extractors ask it: with a verified session.

use core::future::Future;

use super::hook::{Revocations, SessionRef};
use crate::cookie::TypedCookie;
use crate::verified::Verified;

impl Revocations {
    /// Whether `session` may be handed to a handler: not revoked, or revocation cannot tell
    /// (a type without a subject; a failing hook when failing open). The extractors ask this;
    /// code that reads a session with `from_header_verified` asks it itself.
    ///
    /// ```
    /// use std::sync::Arc;
    /// use std::time::{Duration, SystemTime};
    /// use serde::{Deserialize, Serialize};
    /// use typed_cookies::{Cookie, Keyring};
    /// use typed_cookies::revocation::{MemoryRevocations, Revocations};
    ///
    /// #[derive(Cookie, Serialize, Deserialize)]
    /// #[cookie(name = "__Host-session", sealed, expires = "1h", subject = "user_id")]
    /// struct Session { user_id: u64 }
    ///
    /// # tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(async {
    /// let store = Arc::new(MemoryRevocations::new());
    /// let revocations = Revocations::new(store.clone());
    /// let keys = Keyring::generate();
    /// let line = Session { user_id: 7 }.to_set_cookie(&keys)?;
    /// let session = Session::from_header_verified(line.split(';').next().unwrap(), &keys)?.unwrap();
    /// assert!(revocations.allows(&session).await);
    ///
    /// store.revoke_all_before("7", SystemTime::now() + Duration::from_secs(1));
    /// assert!(!revocations.allows(&session).await);
    /// # Ok::<(), typed_cookies::Error>(())
    /// # }).unwrap();
    /// ```
    pub fn allows<T: TypedCookie>(
        &self,
        session: &Verified<T>,
    ) -> impl Future<Output = bool> + Send + '_ {
        let query = session
            .value
            .__subject()
            .map(|subject| (subject, session.issued_at(), session.login_at()));
        async move {
            let query = query
                .as_ref()
                .map(|(subject, issued_at, login_at)| SessionRef {
                    cookie: T::SPEC.name(),
                    subject,
                    issued_at: *issued_at,
                    login_at: *login_at,
                });
            self.ask(query).await
        }
    }
}
