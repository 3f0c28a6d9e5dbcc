use std::collections::{HashMap, HashSet};
use std::sync::RwLock;
use std::time::{SystemTime, UNIX_EPOCH};

use super::hook::{Revocation, RevocationFuture, SessionRef, StoreError};

/// Revocations kept in this process: for a single server. Cloning an `Arc` of it shares it
/// between the keyring and the code that revokes.
///
/// ```
/// use std::time::SystemTime;
/// use typed_cookies::revocation::MemoryRevocations;
///
/// let store = MemoryRevocations::new();
/// store.revoke_all_before("user 7", SystemTime::now());   // log out everywhere
/// ```
#[derive(Debug, Default)]
pub struct MemoryRevocations {
    before: RwLock<HashMap<String, u64>>,
    sessions: RwLock<HashSet<(String, u64)>>,
}

fn secs(t: SystemTime) -> u64 {
    t.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

impl MemoryRevocations {
    /// No revocations.
    ///
    /// ```
    /// let store = typed_cookies::revocation::MemoryRevocations::new();
    /// # let _ = store;
    /// ```
    #[must_use]
    pub fn new() -> MemoryRevocations {
        MemoryRevocations::default()
    }

    /// Refuses every session of `subject` that began before `time`: "log out everywhere".
    /// Sessions that track their origin (`refresh` or `max_lifetime`) began at their login,
    /// however often they were re-issued since; others at their issue time. Cookies carry
    /// whole seconds, so a session that began within the second of `time` is refused too:
    /// "log out everywhere" right after a login must not miss it.
    ///
    /// ```
    /// let store = typed_cookies::revocation::MemoryRevocations::new();
    /// store.revoke_all_before("user 7", std::time::SystemTime::now());
    /// ```
    pub fn revoke_all_before(&self, subject: &str, time: SystemTime) {
        if let Ok(mut before) = self.before.write() {
            let at = before.entry(subject.to_owned()).or_default();
            *at = (*at).max(secs(time));
        }
    }

    /// Refuses the one session of `subject` that began at `login_at` (a stolen cookie; see
    /// [`Verified::login_at`](crate::Verified::login_at)).
    ///
    /// ```
    /// let store = typed_cookies::revocation::MemoryRevocations::new();
    /// store.revoke_session("user 7", std::time::SystemTime::now());
    /// ```
    pub fn revoke_session(&self, subject: &str, login_at: SystemTime) {
        if let Ok(mut sessions) = self.sessions.write() {
            sessions.insert((subject.to_owned(), secs(login_at)));
        }
    }
}

impl Revocation for MemoryRevocations {
    fn is_revoked<'a>(&'a self, session: SessionRef<'a>) -> RevocationFuture<'a> {
        let answer = self.answer(session);
        Box::pin(async move { answer })
    }

    /// A memory store answers at once, so the synchronous reads (`from_header`) ask it too.
    fn is_revoked_now(&self, session: SessionRef<'_>) -> Option<Result<bool, StoreError>> {
        Some(self.answer(session))
    }
}

impl MemoryRevocations {
    fn answer(&self, session: SessionRef<'_>) -> Result<bool, StoreError> {
        let began = secs(session.login_at);
        let by_time = self
            .before
            .read()
            .map(|b| b.get(session.subject).is_some_and(|&t| began <= t));
        let by_session = self
            .sessions
            .read()
            .map(|s| s.contains(&(session.subject.to_owned(), began)));
        match (by_time, by_session) {
            (Ok(a), Ok(b)) => Ok(a || b),
            _ => Err(StoreError("a lock was poisoned".into())),
        }
    }
}

impl<R: Revocation> Revocation for std::sync::Arc<R> {
    fn is_revoked<'a>(&'a self, session: SessionRef<'a>) -> RevocationFuture<'a> {
        (**self).is_revoked(session)
    }

    fn is_revoked_now(&self, session: SessionRef<'_>) -> Option<Result<bool, StoreError>> {
        (**self).is_revoked_now(session)
    }
}
