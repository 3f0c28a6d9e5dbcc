//! The hook a revocation store implements, and what it is asked.

use core::fmt;
use core::future::Future;
use core::pin::Pin;
use std::sync::Arc;
use std::time::SystemTime;

/// What a revocation hook is asked about: one verified session.
///
/// ```
/// use std::time::{Duration, SystemTime, UNIX_EPOCH};
/// use typed_cookies::revocation::{Revocation, RevocationFuture, SessionRef};
///
/// /// Refuses every session that began before 2026: a store keeping one cut-off for all.
/// struct Cutoff(SystemTime);
/// impl Revocation for Cutoff {
///     fn is_revoked<'a>(&'a self, session: SessionRef<'a>) -> RevocationFuture<'a> {
///         let revoked = session.login_at < self.0;
///         Box::pin(async move { Ok(revoked) })
///     }
/// }
/// # let _ = Cutoff(UNIX_EPOCH + Duration::from_secs(1_767_225_600));
/// ```
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct SessionRef<'a> {
    /// The cookie's name.
    pub cookie: &'a str,
    /// The subject the cookie type names (`#[cookie(subject = "...")]`).
    pub subject: &'a str,
    /// When the cookie was issued, authenticated.
    pub issued_at: SystemTime,
    /// When the session began, authenticated: its login for types that track their origin
    /// (`refresh` or `max_lifetime`), which re-issues keep; the issue time for others.
    pub login_at: SystemTime,
}

/// A revocation store that could not answer: the extractors then refuse the session, unless
/// the hook was attached with [`Revocations::fail_open`].
///
/// ```
/// use typed_cookies::revocation::{Revocation, RevocationFuture, SessionRef, StoreError};
///
/// /// A store that is down.
/// struct Down;
/// impl Revocation for Down {
///     fn is_revoked<'a>(&'a self, _: SessionRef<'a>) -> RevocationFuture<'a> {
///         Box::pin(async { Err(StoreError("connection refused".into())) })
///     }
/// }
/// assert_eq!(
///     StoreError("connection refused".into()).to_string(),
///     "the revocation store did not answer: connection refused",
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoreError(pub String);

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the revocation store did not answer: {}", self.0)
    }
}

impl std::error::Error for StoreError {}

/// The future a [`Revocation`] hook returns: whether the session is revoked.
pub type RevocationFuture<'a> = Pin<Box<dyn Future<Output = Result<bool, StoreError>> + Send + 'a>>;

/// The application's revocation hook, asked with the verified metadata of every extracted
/// session.
///
/// ```
/// use typed_cookies::revocation::{Revocation, RevocationFuture, SessionRef};
///
/// /// Nobody is ever revoked; an application asks its database or cache here.
/// struct Never;
/// impl Revocation for Never {
///     fn is_revoked<'a>(&'a self, _: SessionRef<'a>) -> RevocationFuture<'a> {
///         Box::pin(async { Ok(false) })
///     }
/// }
/// ```
pub trait Revocation: Send + Sync + 'static {
    /// Whether `session` is revoked.
    ///
    /// ```
    /// use std::time::SystemTime;
    /// use typed_cookies::revocation::{MemoryRevocations, Revocation};
    /// # use serde::{Deserialize, Serialize};
    /// # use typed_cookies::{Cookie, Keyring, revocation::Revocations};
    /// # #[derive(Cookie, Serialize, Deserialize)]
    /// # #[cookie(name = "__Host-session", sealed, subject = "user_id")]
    /// # struct Session { user_id: u64 }
    ///
    /// let store = MemoryRevocations::new();
    /// store.revoke_all_before("7", SystemTime::now());
    /// // The extractors ask through `Revocations::allows`, which builds the `SessionRef`:
    /// # tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(async {
    /// let keys = Keyring::generate();
    /// let line = Session { user_id: 7 }.to_set_cookie(&keys)?;
    /// let session = Session::from_header_verified(line.split(';').next().unwrap(), &keys)?.unwrap();
    /// assert!(!Revocations::new(store).allows(&session).await);
    /// # Ok::<(), typed_cookies::Error>(())
    /// # }).unwrap();
    /// ```
    fn is_revoked<'a>(&'a self, session: SessionRef<'a>) -> RevocationFuture<'a>;

    /// Whether `session` is revoked, answered without waiting: what the synchronous reads
    /// (`from_header`, `from_header_verified`, [`CsrfToken::check`](crate::CsrfToken::check))
    /// ask. `None`, the default, when the store can only answer asynchronously (over the
    /// network); those reads then refuse with
    /// [`Error::RevocationNeedsAsync`](crate::Error::RevocationNeedsAsync) rather than hand out
    /// a session unasked.
    ///
    /// ```
    /// use std::time::SystemTime;
    /// use typed_cookies::revocation::{MemoryRevocations, Revocation, SessionRef};
    ///
    /// let store = MemoryRevocations::new();
    /// store.revoke_all_before("7", SystemTime::now());
    /// # let _ = &store;
    /// // A memory store answers at once; a network store answers `None`.
    /// ```
    fn is_revoked_now(&self, session: SessionRef<'_>) -> Option<Result<bool, StoreError>> {
        let _ = session;
        None
    }
}

/// A revocation hook and what to do when it fails: refuse (the default) or let through.
///
/// ```
/// use typed_cookies::revocation::{MemoryRevocations, Revocations};
/// let r = Revocations::new(MemoryRevocations::new()).fail_open();
/// # let _ = r;
/// ```
#[derive(Clone)]
pub struct Revocations {
    hook: Arc<dyn Revocation>,
    fail_open: bool,
}

impl fmt::Debug for Revocations {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Revocations")
            .field("fail_open", &self.fail_open)
            .finish_non_exhaustive()
    }
}

impl Revocations {
    /// The hook, failing closed.
    ///
    /// ```
    /// use typed_cookies::revocation::{MemoryRevocations, Revocations};
    /// let r = Revocations::new(MemoryRevocations::new());
    /// # let _ = r;
    /// ```
    #[must_use]
    pub fn new(hook: impl Revocation) -> Revocations {
        Revocations {
            hook: Arc::new(hook),
            fail_open: false,
        }
    }

    /// Lets sessions through when the hook fails, instead of refusing them.
    ///
    /// ```
    /// use typed_cookies::revocation::{MemoryRevocations, Revocations};
    /// let r = Revocations::new(MemoryRevocations::new()).fail_open();
    /// # let _ = r;
    /// ```
    #[must_use]
    pub fn fail_open(mut self) -> Revocations {
        self.fail_open = true;
        self
    }

    /// [`ask`](Revocations::ask) without waiting: `Err` when the hook cannot answer so.
    pub(crate) fn ask_now(
        &self,
        query: Option<SessionRef<'_>>,
    ) -> Result<bool, crate::error::Error> {
        let Some(query) = query else {
            return Ok(true);
        };
        let cookie = query.cookie;
        match self.hook.is_revoked_now(query) {
            None => Err(crate::error::Error::RevocationNeedsAsync),
            Some(Ok(revoked)) => {
                if revoked {
                    crate::refusal::report(cookie, crate::refusal::Reason::Revoked, None);
                }
                Ok(!revoked)
            }
            Some(Err(_)) => {
                crate::refusal::store_unavailable(cookie, self.fail_open);
                Ok(self.fail_open)
            }
        }
    }

    /// Asks the hook about `query` (`None`: a type without a subject, which revocation cannot
    /// tell apart): whether the session may be handed to a handler.
    pub(crate) async fn ask(&self, query: Option<SessionRef<'_>>) -> bool {
        let Some(query) = query else {
            return true;
        };
        let cookie = query.cookie;
        match self.hook.is_revoked(query).await {
            Ok(revoked) => {
                if revoked {
                    crate::refusal::report(cookie, crate::refusal::Reason::Revoked, None);
                }
                !revoked
            }
            Err(_) => {
                crate::refusal::store_unavailable(cookie, self.fail_open);
                self.fail_open
            }
        }
    }
}
