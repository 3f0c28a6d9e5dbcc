//! The re-issue layer: cookies the extractors found due (a sliding session past its refresh
//! time, a cookie of a previous key or type) are written again on the response.

use std::sync::Arc;

use axum_core::response::Response;
use http::header::SET_COOKIE;

use crate::session::pending::{CachePolicy, Pending};

/// Writes again, on the response, every signed or sealed cookie that an extractor of this
/// request found due: past its refresh time (`refresh`), written by a previous key, or migrated
/// from a previous type. The handler needs no code for it; a response that sets or removes
/// the cookie itself (a login, a logout) keeps its own line.
///
/// ```
/// use axum::{Router, routing::get};
/// use serde::{Deserialize, Serialize};
/// use typed_cookies::{Cookie, Keyring, RequireCookie};
/// use typed_cookies::integrations::axum::ReissueLayer;
///
/// #[derive(Cookie, Serialize, Deserialize)]
/// #[cookie(name = "__Host-session", sealed, expires = "2h", refresh = "15m", max_lifetime = "30d")]
/// struct Session { user_id: u64 }
///
/// async fn home(RequireCookie(s): RequireCookie<Session>) -> String {
///     format!("user {}", s.user_id)
/// }
///
/// let app: Router = Router::new()
///     .route("/", get(home))
///     .layer(ReissueLayer::new())
///     .with_state(Keyring::generate());
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct ReissueLayer {
    _private: (),
}

impl ReissueLayer {
    /// The layer.
    ///
    /// ```
    /// let layer = typed_cookies::integrations::axum::ReissueLayer::new();
    /// # let _ = layer;
    /// ```
    #[must_use]
    pub fn new() -> ReissueLayer {
        ReissueLayer::default()
    }
}

impl<S> tower_layer::Layer<S> for ReissueLayer {
    type Service = Reissue<S>;

    fn layer(&self, inner: S) -> Reissue<S> {
        Reissue { inner }
    }
}

/// The service [`ReissueLayer`] wraps around a router or handler.
#[derive(Debug, Clone)]
pub struct Reissue<S> {
    inner: S,
}

/// What the extractors look for in a request's extensions.
#[derive(Clone)]
pub(super) struct PendingHandle(pub(super) Arc<Pending>);

impl<S, B> tower_service::Service<http::Request<B>> for Reissue<S>
where
    S: tower_service::Service<http::Request<B>, Response = Response>,
    S::Future: Send + 'static,
{
    type Response = Response;
    type Error = S::Error;
    type Future = super::future::ResponseFuture<S::Error>;

    fn poll_ready(
        &mut self,
        cx: &mut core::task::Context<'_>,
    ) -> core::task::Poll<Result<(), S::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, mut req: http::Request<B>) -> Self::Future {
        let pending = Arc::new(Pending::default());
        req.extensions_mut().insert(PendingHandle(pending.clone()));
        let response = self.inner.call(req);
        Box::pin(async move {
            let mut response = response.await?;
            if pending.is_empty() {
                return Ok(response);
            }
            let cache = response
                .headers()
                .get_all(http::header::CACHE_CONTROL)
                .iter()
                .map(http::HeaderValue::as_bytes);
            let policy = crate::session::pending::cache_policy(cache);
            if policy == CachePolicy::Skip {
                return Ok(response);
            }
            let set: Vec<&[u8]> = response
                .headers()
                .get_all(SET_COOKIE)
                .iter()
                .map(http::HeaderValue::as_bytes)
                .collect();
            let lines = pending.take(set.iter().copied());
            if policy == CachePolicy::AppendPrivate && !lines.is_empty() {
                response.headers_mut().insert(
                    http::header::CACHE_CONTROL,
                    http::HeaderValue::from_static("private"),
                );
            }
            for line in lines {
                // Lines the crate rendered are valid header values.
                if let Ok(value) = crate::integrations::http::header_value(line) {
                    response.headers_mut().append(SET_COOKIE, value);
                }
            }
            Ok(response)
        })
    }
}

/// The request's pending re-issues, when a [`ReissueLayer`] is installed.
pub(super) fn pending(parts: &http::request::Parts) -> Option<&Pending> {
    parts.extensions.get::<PendingHandle>().map(|h| &*h.0)
}
