//! The hook as the extractors ask it: with a verified session.

use core::future::Future;
use std::sync::Mutex;
use std::time::SystemTime;

use super::hook::{Revocations, SessionRef};
use crate::cookie::TypedCookie;
use crate::error::Error;
use crate::verified::Verified;

impl Revocations {
    /// Whether `session` may be handed to a handler: not revoked, or revocation cannot tell
    /// (a type without a subject; a failing hook when failing open). The extractors ask this;
    /// `from_header`, `from_header_verified` and [`Keyring::read`](crate::Keyring::read) ask it too.
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
        let query = query_of(session);
        async move {
            let query = query.as_ref().map(Query::as_ref);
            self.ask(query).await
        }
    }

    /// [`allows`](Revocations::allows) for the synchronous reads.
    ///
    /// # Errors
    /// [`Error::RevocationNeedsAsync`] when the hook answers only asynchronously.
    pub(crate) fn allows_now<T: TypedCookie>(&self, session: &Verified<T>) -> Result<bool, Error> {
        let query = query_of(session);
        self.ask_now(query.as_ref().map(Query::as_ref))
    }
}

/// What revocation asks about a session, owned.
struct Query {
    cookie: &'static str,
    subject: String,
    issued_at: SystemTime,
    login_at: SystemTime,
}

impl Query {
    fn as_ref(&self) -> SessionRef<'_> {
        SessionRef {
            cookie: self.cookie,
            subject: &self.subject,
            issued_at: self.issued_at,
            login_at: self.login_at,
        }
    }
}

/// The query for `session`: `None` for a type without a subject, which revocation cannot tell
/// apart. Such a type read through a keyring with revocations is reported once (a `warn`
/// event), since its sessions are never refused.
fn query_of<T: TypedCookie>(session: &Verified<T>) -> Option<Query> {
    let Some(subject) = session.value.__subject() else {
        warn_unrevocable(T::SPEC.name());
        return None;
    };
    Some(Query {
        cookie: T::SPEC.name(),
        subject,
        issued_at: session.issued_at(),
        login_at: session.login_at(),
    })
}

/// Warns once per cookie name that revocation cannot apply to it.
fn warn_unrevocable(cookie: &'static str) {
    static WARNED: Mutex<Vec<&'static str>> = Mutex::new(Vec::new());
    let Ok(mut warned) = WARNED.lock() else {
        return;
    };
    if !warned.contains(&cookie) {
        warned.push(cookie);
        tracing::warn!(
            cookie,
            "revocations are attached to the keyring, but this cookie type names no `subject`, \
             so none of its sessions can be revoked; add `#[cookie(subject = \"field\")]` if it \
             is a session"
        );
    }
}
