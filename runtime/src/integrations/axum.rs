//! axum 0.8 integration: [`ReadCookie`] and [`RequireCookie`] extract typed cookies with the
//! [`Keyring`] taken from state through `FromRef`; [`SetCookies`] is response parts.
//!
//! ```
//! use axum::{Router, extract::FromRef, routing::get, response::IntoResponse};
//! use serde::{Deserialize, Serialize};
//! use typed_cookies::{Cookie, Keyring, ReadCookie, SetCookies};
//!
//! #[derive(Cookie, Serialize, Deserialize)]
//! #[cookie(name = "__Host-session", sealed, expires = "2d")]
//! struct Session { user: String }
//!
//! #[derive(Clone, FromRef)]
//! struct AppState { keys: Keyring }
//!
//! async fn home(ReadCookie(session): ReadCookie<Session>) -> String {
//!     match session {
//!         Some(s) => format!("hello {}", s.user),
//!         None => "please log in".to_owned(),
//!     }
//! }
//!
//! async fn login(axum::extract::State(keys): axum::extract::State<Keyring>)
//!     -> Result<impl IntoResponse, typed_cookies::Error> {
//!     let line = Session { user: "ada".into() }.to_set_cookie(&keys)?;
//!     Ok((SetCookies::new().add(line), "logged in"))
//! }
//!
//! let app: Router = Router::new()
//!     .route("/", get(home))
//!     .route("/login", get(login))
//!     .with_state(AppState { keys: Keyring::generate() });
//! ```

use axum_core::extract::{FromRef, FromRequest, FromRequestParts, OptionalFromRequestParts};
use axum_core::response::{IntoResponse, IntoResponseParts, Response, ResponseParts};
use http::StatusCode;
use http::header::SET_COOKIE;
use http::request::Parts;

mod reissue;

/// The future of the crate's axum services: the inner service's response, or one of their own.
type ResponseFuture<E> =
    core::pin::Pin<Box<dyn core::future::Future<Output = Result<Response, E>> + Send>>;

pub use reissue::{Reissue, ReissueLayer};

use crate::extract::require;
use crate::{
    CookieRejection, Error, Keyring, ProtectedCookie, ReadCookie, ReadVerified, RequireCookie,
    SetCookies, TypedCookie,
};

/// Where an extractor of a cookie type finds its keyring: nowhere for a plain cookie, so a
/// `Router<()>` reads plain cookies; in the state through `FromRef` for a signed or sealed one.
///
/// ```
/// use serde::{Deserialize, Serialize};
/// use typed_cookies::{Cookie, Keyring, TypedCookie};
/// use typed_cookies::integrations::axum::KeysFromState;
///
/// #[derive(Cookie, Serialize, Deserialize)]
/// #[cookie(name = "theme", httponly = false)]
/// struct Theme(String);
///
/// #[derive(Cookie, Serialize, Deserialize)]
/// #[cookie(name = "__Host-session", sealed)]
/// struct Session { user_id: u64 }
///
/// fn keys<T: TypedCookie, S>(state: &S) -> Option<Keyring> where T::Keys: KeysFromState<S> {
///     T::Keys::keys(state)
/// }
/// assert!(keys::<Theme, ()>(&()).is_none());
/// assert!(keys::<Session, Keyring>(&Keyring::generate()).is_some());
/// ```
pub trait KeysFromState<S> {
    /// The keyring, if this kind of cookie needs one.
    ///
    /// ```
    /// use typed_cookies::{Keyring, TypedCookie};
    /// use typed_cookies::integrations::axum::KeysFromState;
    /// # use serde::{Deserialize, Serialize};
    /// # #[derive(typed_cookies::Cookie, Serialize, Deserialize)]
    /// # #[cookie(name = "__Host-session", sealed)]
    /// # struct Session { user_id: u64 }
    /// let keys = <Session as TypedCookie>::Keys::keys(&Keyring::generate());
    /// assert!(keys.is_some());
    /// ```
    fn keys(state: &S) -> Option<Keyring>;
}

impl<S> KeysFromState<S> for crate::cookie::Plain {
    fn keys(_: &S) -> Option<Keyring> {
        None
    }
}

impl<S> KeysFromState<S> for crate::cookie::Protected
where
    Keyring: FromRef<S>,
{
    fn keys(state: &S) -> Option<Keyring> {
        Some(Keyring::from_ref(state))
    }
}

impl<T, S> FromRequestParts<S> for ReadCookie<T>
where
    T: TypedCookie + Send,
    T::Keys: KeysFromState<S>,
    S: Send + Sync,
{
    type Rejection = core::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let keys = T::Keys::keys(state);
        Ok(ReadCookie(
            crate::extract::read::<T, _>(&parts.headers, keys.as_ref(), reissue::pending(parts))
                .await
                .ok()
                .flatten(),
        ))
    }
}

impl<T, S> FromRequestParts<S> for ReadVerified<T>
where
    T: ProtectedCookie + Send,
    Keyring: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = core::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let () = T::PROTECTED;
        let keys = Keyring::from_ref(state);
        Ok(ReadVerified(
            crate::extract::read_verified::<T, _>(&parts.headers, &keys, reissue::pending(parts))
                .await
                .ok()
                .flatten(),
        ))
    }
}

impl<T, S> FromRequestParts<S> for RequireCookie<T>
where
    T: TypedCookie + Send,
    T::Keys: KeysFromState<S>,
    S: Send + Sync,
{
    type Rejection = CookieRejection;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        required::<T, S>(parts, state).await.map(RequireCookie)
    }
}

/// The read of [`RequireCookie`], with its rejection.
async fn required<T, S>(parts: &Parts, state: &S) -> Result<T, CookieRejection>
where
    T: TypedCookie,
    T::Keys: KeysFromState<S>,
{
    let keys = T::Keys::keys(state);
    let pending = reissue::pending(parts);
    require(crate::extract::read::<T, _>(&parts.headers, keys.as_ref(), pending).await)
}

/// `Option<RequireCookie<T>>`: `None` when the cookie is absent, the value when it verifies,
/// and `401 Unauthorized` when it is present but malformed, forged or expired (as axum-extra's
/// `Option<TypedHeader<T>>` rejects a header that does not parse).
impl<T, S> OptionalFromRequestParts<S> for RequireCookie<T>
where
    T: TypedCookie + Send,
    T::Keys: KeysFromState<S>,
    S: Send + Sync,
{
    type Rejection = CookieRejection;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &S,
    ) -> Result<Option<Self>, Self::Rejection> {
        match required::<T, S>(parts, state).await {
            Ok(value) => Ok(Some(RequireCookie(value))),
            Err(CookieRejection::Missing { .. }) => Ok(None),
            Err(other) => Err(other),
        }
    }
}

impl IntoResponse for CookieRejection {
    fn into_response(self) -> Response {
        let status = match self {
            CookieRejection::NoKeyring => StatusCode::INTERNAL_SERVER_ERROR,
            _ => StatusCode::UNAUTHORIZED,
        };
        (status, self.to_string()).into_response()
    }
}

impl IntoResponseParts for SetCookies {
    type Error = Error;

    fn into_response_parts(self, mut res: ResponseParts) -> Result<ResponseParts, Self::Error> {
        for line in self.lines {
            res.headers_mut()
                .append(SET_COOKIE, crate::integrations::http::header_value(line)?);
        }
        Ok(res)
    }
}

impl IntoResponse for SetCookies {
    fn into_response(self) -> Response {
        (self, ()).into_response()
    }
}

/// A read that failed (`from_header(..)?` in a handler: a malformed, forged or expired
/// cookie) is the client's: `401 Unauthorized`. A write that failed (too large, a value that
/// does not serialize, a broken random source) is a server bug: `500 Internal Server Error`.
/// Neither body says more than that.
impl IntoResponse for Error {
    fn into_response(self) -> Response {
        if self.is_client_error() {
            (StatusCode::UNAUTHORIZED, "cookie missing or invalid").into_response()
        } else {
            (StatusCode::INTERNAL_SERVER_ERROR, "cookie error").into_response()
        }
    }
}

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

impl<T, S> FromRequestParts<S> for crate::CsrfChecked<T>
where
    T: ProtectedCookie + Send,
    Keyring: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = crate::csrf::CsrfRejection;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let keys = Keyring::from_ref(state);
        let token = parts
            .headers
            .get(crate::csrf::CSRF_HEADER)
            .and_then(|v| v.to_str().ok());
        let session = crate::CsrfToken::check::<T, _>(&parts.headers, &keys, token)?;
        crate::extract::admit(session, &keys, reissue::pending(parts))
            .await
            .map(crate::CsrfChecked)
            .ok_or(crate::csrf::CsrfRejection::NoSession)
    }
}

impl<T, F, S> FromRequest<S> for crate::CsrfForm<T, F>
where
    T: ProtectedCookie + Send,
    F: serde::de::DeserializeOwned,
    Keyring: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = Response;

    async fn from_request(
        req: axum_core::extract::Request,
        state: &S,
    ) -> Result<Self, Self::Rejection> {
        let keys = Keyring::from_ref(state);
        let (parts, body) = req.into_parts();
        let req = axum_core::extract::Request::from_parts(parts.clone(), body);
        let body = String::from_request(req, state)
            .await
            .map_err(IntoResponse::into_response)?;
        let fields: Vec<(String, String)> = serde_urlencoded::from_str(&body)
            .map_err(|_| (StatusCode::BAD_REQUEST, "not a form").into_response())?;
        let token = fields
            .iter()
            .find(|(k, _)| k == crate::csrf::CSRF_FIELD)
            .map(|(_, v)| v.as_str());
        let session = crate::CsrfToken::check::<T, _>(&parts.headers, &keys, token)
            .map_err(IntoResponse::into_response)?;
        let session = crate::extract::admit(session, &keys, reissue::pending(&parts))
            .await
            .ok_or_else(|| crate::csrf::CsrfRejection::NoSession.into_response())?;
        let form = serde_urlencoded::from_str(&body).map_err(|_| {
            (StatusCode::UNPROCESSABLE_ENTITY, "the form does not match").into_response()
        })?;
        Ok(crate::CsrfForm { session, form })
    }
}

/// `403 Forbidden`, saying which check failed.
impl IntoResponse for crate::csrf::CsrfRejection {
    fn into_response(self) -> Response {
        (StatusCode::FORBIDDEN, self.to_string()).into_response()
    }
}

#[cfg(any(feature = "flask", feature = "django", feature = "rails"))]
mod foreign {
    use super::*;
    use crate::interop::{ForeignCookie, ForeignFormat};
    use crate::interop::{ReadForeign, RequireForeign};

    /// The read of a foreign cookie with the framework's secret from state.
    fn read<T, S>(parts: &Parts, state: &S) -> Result<Option<T>, Error>
    where
        T: ForeignCookie,
        <T::Format as ForeignFormat>::Secret: FromRef<S>,
    {
        let secret = <T::Format as ForeignFormat>::Secret::from_ref(state);
        crate::interop::read::<T, _>(&parts.headers, &secret)
    }

    impl<T, S> FromRequestParts<S> for ReadForeign<T>
    where
        T: ForeignCookie,
        <T::Format as ForeignFormat>::Secret: FromRef<S>,
        S: Send + Sync,
    {
        type Rejection = core::convert::Infallible;

        async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
            Ok(ReadForeign(read::<T, S>(parts, state).ok().flatten()))
        }
    }

    impl<T, S> FromRequestParts<S> for RequireForeign<T>
    where
        T: ForeignCookie,
        <T::Format as ForeignFormat>::Secret: FromRef<S>,
        S: Send + Sync,
    {
        type Rejection = CookieRejection;

        async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
            crate::extract::require_named(T::SPEC.name(), read::<T, S>(parts, state))
                .map(RequireForeign)
        }
    }
}
