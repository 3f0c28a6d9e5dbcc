//! The re-issue middleware: cookies the extractors found due (a sliding session past its
//! refresh time, a cookie of a previous key or type) are written again on the response.

use core::future::{Ready, ready};
use std::sync::Arc;

use actix_web::HttpMessage as _;
use actix_web::dev::{Service, ServiceRequest, ServiceResponse, Transform};
use actix_web::http::header::{self, HeaderValue};

use crate::session::pending::{CachePolicy, Pending, cache_policy};

/// Writes again, on the response, every signed or sealed cookie that an extractor of this
/// request found due: past its refresh time (`refresh`), written by a previous key, or migrated
/// from a previous type. The handler needs no code for it; a response that sets or removes
/// the cookie itself (a login, a logout) keeps its own line.
///
/// ```
/// use actix_web::{App, web};
/// use serde::{Deserialize, Serialize};
/// use typed_cookies::{Cookie, Keyring, RequireCookie};
/// use typed_cookies::integrations::actix_web::Reissue;
///
/// #[derive(Cookie, Serialize, Deserialize)]
/// #[cookie(name = "__Host-session", sealed, expires = "2h", refresh = "15m", max_lifetime = "30d")]
/// struct Session { user_id: u64 }
///
/// async fn home(RequireCookie(s): RequireCookie<Session>) -> String {
///     format!("user {}", s.user_id)
/// }
///
/// let app = App::new()
///     .app_data(web::Data::new(Keyring::generate()))
///     .wrap(Reissue::new())
///     .route("/", web::get().to(home));
/// # let _ = app;
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct Reissue {
    _private: (),
}

impl Reissue {
    /// The middleware.
    ///
    /// ```
    /// let middleware = typed_cookies::integrations::actix_web::Reissue::new();
    /// # let _ = middleware;
    /// ```
    #[must_use]
    pub fn new() -> Reissue {
        Reissue::default()
    }
}

impl<S, B> Transform<S, ServiceRequest> for Reissue
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = actix_web::Error>,
    S::Future: 'static,
    B: 'static,
{
    type Response = ServiceResponse<B>;
    type Error = actix_web::Error;
    type Transform = ReissueService<S>;
    type InitError = ();
    type Future = Ready<Result<ReissueService<S>, ()>>;

    fn new_transform(&self, service: S) -> Self::Future {
        ready(Ok(ReissueService { service }))
    }
}

/// The service [`Reissue`] wraps around an app or scope.
#[derive(Debug)]
pub struct ReissueService<S> {
    service: S,
}

/// What the extractors look for in a request's extensions.
#[derive(Clone)]
pub(super) struct PendingHandle(pub(super) Arc<Pending>);

impl<S, B> Service<ServiceRequest> for ReissueService<S>
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = actix_web::Error>,
    S::Future: 'static,
    B: 'static,
{
    type Response = ServiceResponse<B>;
    type Error = actix_web::Error;
    type Future =
        core::pin::Pin<Box<dyn core::future::Future<Output = Result<Self::Response, Self::Error>>>>;

    actix_web::dev::forward_ready!(service);

    fn call(&self, req: ServiceRequest) -> Self::Future {
        let pending = Arc::new(Pending::default());
        req.extensions_mut().insert(PendingHandle(pending.clone()));
        let response = self.service.call(req);
        Box::pin(async move {
            let mut response = response.await?;
            if pending.is_empty() {
                return Ok(response);
            }
            let policy = cache_policy(
                response
                    .headers()
                    .get_all(header::CACHE_CONTROL)
                    .map(HeaderValue::as_bytes),
            );
            if policy == CachePolicy::Skip {
                return Ok(response);
            }
            let set: Vec<Vec<u8>> = response
                .headers()
                .get_all(header::SET_COOKIE)
                .map(|v| v.as_bytes().to_vec())
                .collect();
            let lines = pending.take(set.iter().map(Vec::as_slice));
            if policy == CachePolicy::AppendPrivate && !lines.is_empty() {
                response
                    .headers_mut()
                    .insert(header::CACHE_CONTROL, HeaderValue::from_static("private"));
            }
            for line in lines {
                // Lines the crate rendered are valid header values.
                if let Ok(mut value) = HeaderValue::from_str(&line) {
                    value.set_sensitive(true);
                    response.headers_mut().append(header::SET_COOKIE, value);
                }
            }
            Ok(response)
        })
    }
}

/// The request's pending re-issues, when the [`Reissue`] middleware is installed.
pub(super) fn pending(req: &actix_web::HttpRequest) -> Option<Arc<Pending>> {
    req.extensions().get::<PendingHandle>().map(|h| h.0.clone())
}
