use std::time::{Duration, SystemTime, UNIX_EPOCH};

use redis::AsyncCommands as _;

use super::hook::{Revocation, RevocationFuture, SessionRef, StoreError};

/// Revocations in Redis, shared by every server of a fleet (feature `redis`). One round trip
/// per check: an `MGET` of the subject's "revoked before" time and the session's own mark.
///
/// The connection reconnects by itself: after a Redis restart, a failover, or an idle
/// connection closed by the server, the next checks fail (closed, unless
/// [`fail_open`](super::Revocations::fail_open)) while it reconnects in the background, and
/// succeed again once Redis answers. Every command waits at most [`RESPONSE_TIMEOUT`] and every
/// connection attempt at most [`CONNECTION_TIMEOUT`], so a hung Redis (paused, or a network
/// that drops packets) holds no request longer than that.
///
/// ```no_run
/// # async fn run() -> Result<(), typed_cookies::revocation::StoreError> {
/// use typed_cookies::revocation::RedisRevocations;
/// let store = RedisRevocations::connect("redis://127.0.0.1:6379/").await?;
/// store.revoke_all_before("user 7", std::time::SystemTime::now()).await?;
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct RedisRevocations {
    conn: redis::aio::ConnectionManager,
}

/// How long a revocation check or write waits for Redis to answer.
pub const RESPONSE_TIMEOUT: Duration = Duration::from_millis(500);

/// How long one attempt to (re)connect to Redis may take.
pub const CONNECTION_TIMEOUT: Duration = Duration::from_millis(500);

/// Raises a subject's "revoked before" time, never lowers it: a later call with an earlier
/// time (a delayed job, an event handled out of order, a server whose clock is behind) keeps
/// the later cut-off. One script, so concurrent writers cannot interleave a read and a write.
const RAISE_CUTOFF: &str = r"
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
local proposed = tonumber(ARGV[1])
if proposed > current then
  redis.call('SET', KEYS[1], ARGV[1])
  return proposed
end
return current
";

impl core::fmt::Debug for RedisRevocations {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("RedisRevocations").finish_non_exhaustive()
    }
}

fn secs(t: SystemTime) -> u64 {
    t.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

fn before_key(subject: &str) -> String {
    format!("typed-cookies:revoked-before:{subject}")
}

fn session_key(subject: &str, began: u64) -> String {
    format!("typed-cookies:revoked:{subject}:{began}")
}

fn store_error(e: &redis::RedisError) -> StoreError {
    StoreError(e.to_string())
}

impl RedisRevocations {
    /// Connects to the Redis server at `url` (`redis://host:port/db`).
    ///
    /// # Errors
    /// [`StoreError`] when the server cannot be reached.
    pub async fn connect(url: &str) -> Result<RedisRevocations, StoreError> {
        let client = redis::Client::open(url).map_err(|e| store_error(&e))?;
        let config = redis::aio::ConnectionManagerConfig::new()
            .set_response_timeout(Some(RESPONSE_TIMEOUT))
            .set_connection_timeout(Some(CONNECTION_TIMEOUT))
            // Reconnect attempts: 50 ms, doubling, at most 1 s apart.
            .set_min_delay(Duration::from_millis(50))
            .set_max_delay(Duration::from_secs(1))
            .set_number_of_retries(3);
        let conn = redis::aio::ConnectionManager::new_with_config(client, config)
            .await
            .map_err(|e| store_error(&e))?;
        Ok(RedisRevocations { conn })
    }

    /// Refuses every session of `subject` that began before `time`: "log out everywhere".
    /// Sessions that track their origin (`refresh` or `max_lifetime`) began at their login,
    /// however often they were re-issued since; others at their issue time. Cookies carry
    /// whole seconds, so a session that began within the second of `time` is refused too:
    /// "log out everywhere" right after a login must not miss it. The cut-off only moves
    /// forward: a call with an earlier time than one already recorded changes nothing, however
    /// many servers write at once.
    ///
    /// # Errors
    /// [`StoreError`] when the server does not answer.
    pub async fn revoke_all_before(
        &self,
        subject: &str,
        time: SystemTime,
    ) -> Result<(), StoreError> {
        let mut conn = self.conn.clone();
        let script = redis::Script::new(RAISE_CUTOFF);
        let mut invocation = script.key(before_key(subject));
        invocation.arg(secs(time));
        invocation
            .invoke_async::<u64>(&mut conn)
            .await
            .map(drop)
            .map_err(|e| store_error(&e))
    }

    /// Refuses the one session of `subject` that began at `login_at`
    /// ([`Verified::login_at`](crate::Verified::login_at)), for `keep`: the cookie type's
    /// lifetime, or its `max_lifetime` for a sliding session, after which it ends anyway.
    ///
    /// # Errors
    /// [`StoreError`] when the server does not answer.
    pub async fn revoke_session(
        &self,
        subject: &str,
        login_at: SystemTime,
        keep: Duration,
    ) -> Result<(), StoreError> {
        let mut conn = self.conn.clone();
        conn.set_ex::<_, _, ()>(
            session_key(subject, secs(login_at)),
            1u8,
            keep.as_secs().max(1),
        )
        .await
        .map_err(|e| store_error(&e))
    }
}

impl Revocation for RedisRevocations {
    fn is_revoked<'a>(&'a self, session: SessionRef<'a>) -> RevocationFuture<'a> {
        let mut conn = self.conn.clone();
        let began = secs(session.login_at);
        let keys = [
            before_key(session.subject),
            session_key(session.subject, began),
        ];
        Box::pin(async move {
            let (before, marked): (Option<u64>, Option<u8>) =
                conn.mget(&keys).await.map_err(|e| store_error(&e))?;
            Ok(before.is_some_and(|t| began <= t) || marked.is_some())
        })
    }
}
