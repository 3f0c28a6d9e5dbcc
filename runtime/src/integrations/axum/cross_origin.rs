//! Cross-origin protection as a tower layer.

use axum_core::response::{IntoResponse, Response};
use http::StatusCode;

use super::future::ResponseFuture;

/// [`CrossOriginProtection`](crate::CrossOriginProtection) as a layer: refused requests are
/// answered `403 Forbidden` before they reach a handler.
///
/// ```
/// use axum::{Router, routing::post};
/// use typed_cookies::CrossOriginProtection;
/// use typed_cookies::integrations::axum::CrossOriginLayer;
///
/// let protection = CrossOriginProtection::new().trust_origin("https://app.example.com")?;
/// let app: Router = Router::new()
///     .route("/transfer", post(|| async { "done" }))
///     .layer(CrossOriginLayer::new(protection));
/// # Ok::<(), typed_cookies::cross_origin::InvalidOrigin>(())
/// ```
#[derive(Debug, Clone)]
pub struct CrossOriginLayer {
    protection: std::sync::Arc<crate::CrossOriginProtection>,
}

impl CrossOriginLayer {
    /// The layer for `protection`.
    ///
    /// ```
    /// let layer = typed_cookies::integrations::axum::CrossOriginLayer::new(Default::default());
    /// # let _ = layer;
    /// ```
    #[must_use]
    pub fn new(protection: crate::CrossOriginProtection) -> CrossOriginLayer {
        CrossOriginLayer {
            protection: std::sync::Arc::new(protection),
        }
    }
}

impl<S> tower_layer::Layer<S> for CrossOriginLayer {
    type Service = CrossOrigin<S>;

    fn layer(&self, inner: S) -> CrossOrigin<S> {
        CrossOrigin {
            inner,
            protection: self.protection.clone(),
        }
    }
}

/// The service [`CrossOriginLayer`] wraps around a handler: a cross-site POST gets `403`.
///
/// ```
/// use axum::{Router, body::Body, http::Request, routing::post};
/// use tower_service::Service as _;
/// use typed_cookies::CrossOriginProtection;
/// use typed_cookies::integrations::axum::CrossOriginLayer;
///
/// # tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(async {
/// let mut app: Router = Router::new()
///     .route("/transfer", post(|| async { "done" }))
///     .layer(CrossOriginLayer::new(CrossOriginProtection::new()));
/// let req = Request::post("/transfer")
///     .header("sec-fetch-site", "cross-site")
///     .body(Body::empty())
///     .unwrap();
/// assert_eq!(app.call(req).await.unwrap().status(), 403);
/// # });
/// ```
#[derive(Debug, Clone)]
pub struct CrossOrigin<S> {
    inner: S,
    protection: std::sync::Arc<crate::CrossOriginProtection>,
}

/// Checks a request's method, path, host and fetch metadata.
fn check_request<B>(
    protection: &crate::CrossOriginProtection,
    req: &http::Request<B>,
) -> Result<(), crate::cross_origin::CrossOriginRejection> {
    let headers = req.headers();
    let text = |name: http::header::HeaderName| headers.get(name).and_then(|v| v.to_str().ok());
    let host = text(http::header::HOST).or_else(|| req.uri().authority().map(|a| a.as_str()));
    protection.check(
        req.method().as_str(),
        req.uri().path(),
        host,
        text(http::header::HeaderName::from_static("sec-fetch-site")),
        text(http::header::ORIGIN),
    )
}

impl<S, B> tower_service::Service<http::Request<B>> for CrossOrigin<S>
where
    S: tower_service::Service<http::Request<B>, Response = Response>,
    S::Future: Send + 'static,
{
    type Response = Response;
    type Error = S::Error;
    type Future = ResponseFuture<S::Error>;

    fn poll_ready(
        &mut self,
        cx: &mut core::task::Context<'_>,
    ) -> core::task::Poll<Result<(), S::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: http::Request<B>) -> Self::Future {
        match check_request(&self.protection, &req) {
            Ok(()) => Box::pin(self.inner.call(req)),
            Err(refused) => {
                let response = refused.into_response();
                Box::pin(async move { Ok(response) })
            }
        }
    }
}

/// `403 Forbidden`, saying why.
impl IntoResponse for crate::cross_origin::CrossOriginRejection {
    fn into_response(self) -> Response {
        (StatusCode::FORBIDDEN, self.to_string()).into_response()
    }
}
