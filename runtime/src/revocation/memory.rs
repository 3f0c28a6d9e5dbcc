use std::collections::HashMap;
use std::sync::RwLock;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

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
    /// One session each, with when the entry may go (its cookie can no longer be valid).
    sessions: RwLock<HashMap<(String, u64), u64>>,
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
    /// [`Verified::login_at`](crate::Verified::login_at)), for `keep`: the cookie type's
    /// lifetime, or its `max_lifetime` for a sliding session, after which the session ends
    /// anyway. Entries past their `keep` are dropped, so the store does not grow for ever.
    ///
    /// ```
    /// use std::time::{Duration, SystemTime};
    /// let store = typed_cookies::revocation::MemoryRevocations::new();
    /// store.revoke_session("user 7", SystemTime::now(), Duration::from_secs(7200));
    /// assert_eq!(store.len(), 1);
    /// ```
    pub fn revoke_session(&self, subject: &str, login_at: SystemTime, keep: Duration) {
        let now = secs(SystemTime::now());
        if let Ok(mut sessions) = self.sessions.write() {
            sessions.retain(|_, until| *until > now);
            sessions.insert(
                (subject.to_owned(), secs(login_at)),
                now.saturating_add(keep.as_secs().max(1)),
            );
        }
    }

    /// How many revocations the store holds: subjects with a cut-off, and single sessions not
    /// yet past their `keep`.
    ///
    /// ```
    /// assert_eq!(typed_cookies::revocation::MemoryRevocations::new().len(), 0);
    /// ```
    #[must_use]
    pub fn len(&self) -> usize {
        let now = secs(SystemTime::now());
        let before = self.before.read().map_or(0, |b| b.len());
        let sessions = self
            .sessions
            .read()
            .map_or(0, |s| s.values().filter(|&&until| until > now).count());
        before + sessions
    }

    /// Whether the store holds no revocation.
    ///
    /// ```
    /// assert!(typed_cookies::revocation::MemoryRevocations::new().is_empty());
    /// ```
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
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
        let now = secs(SystemTime::now());
        let by_session = self.sessions.read().map(|s| {
            s.get(&(session.subject.to_owned(), began))
                .is_some_and(|&until| until > now)
        });
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
