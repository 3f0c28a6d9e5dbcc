//! actix-web 4 integration: [`ReadCookie`] and [`RequireCookie`] extract typed cookies with the
//! [`Keyring`] taken from `app_data` (a `Keyring` or a `web::Data<Keyring>`); [`SetCookies`]
//! appends to a response builder; every read accepts an `HttpRequest` or its header map.
//!
//! ```
//! use actix_web::{App, HttpResponse, web};
//! use serde::{Deserialize, Serialize};
//! use typed_cookies::{Cookie, Keyring, ReadCookie, SetCookies};
//!
//! #[derive(Cookie, Serialize, Deserialize)]
//! #[cookie(name = "__Host-session", sealed, expires = "2d")]
//! struct Session { user: String }
//!
//! async fn home(ReadCookie(session): ReadCookie<Session>) -> String {
//!     session.map_or_else(|| "please log in".to_owned(), |s| format!("hello {}", s.user))
//! }
//!
//! async fn login(keys: web::Data<Keyring>) -> Result<HttpResponse, typed_cookies::Error> {
//!     let line = Session { user: "ada".into() }.to_set_cookie(&keys)?;
//!     let mut res = HttpResponse::Ok();
//!     SetCookies::new().add(line).append_to(&mut res)?;
//!     Ok(res.body("logged in"))
//! }
//!
//! let app = App::new()
//!     .app_data(web::Data::new(Keyring::generate()))
//!     .route("/", web::get().to(home))
//!     .route("/login", web::post().to(login));
//! ```

use core::future::{Ready, ready};

use actix_web::dev::Payload;
use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{FromRequest, HttpRequest, HttpResponse, HttpResponseBuilder, ResponseError, web};

mod reissue;

pub use reissue::{Reissue, ReissueService};

use crate::extract::require;
use crate::{
    CookieHeaders, CookieRejection, Error, Keyring, ProtectedCookie, ReadCookie, ReadVerified,
    RequireCookie, SetCookies, TypedCookie,
};

impl CookieHeaders for actix_web::http::header::HeaderMap {
    fn cookie_headers(&self) -> impl Iterator<Item = &[u8]> {
        self.get_all(header::COOKIE).map(HeaderValue::as_bytes)
    }
}

impl CookieHeaders for HttpRequest {
    fn cookie_headers(&self) -> impl Iterator<Item = &[u8]> {
        self.headers().cookie_headers()
    }
}

fn keyring(req: &HttpRequest) -> Option<&Keyring> {
    req.app_data::<Keyring>()
        .or_else(|| req.app_data::<web::Data<Keyring>>().map(|d| d.get_ref()))
}

/// The keyring a read of `T` needs: none for a plain cookie (so an app without a keyring reads
/// plain cookies), the one in `app_data` for a signed or sealed one.
fn keys_for<T: TypedCookie>(req: &HttpRequest) -> Result<Option<&Keyring>, CookieRejection> {
    if T::SPEC.mode() == crate::Mode::Plain {
        return Ok(None);
    }
    keyring(req).map(Some).ok_or(CookieRejection::NoKeyring)
}

/// The future of the typed-cookie extractors: the read may ask a revocation hook.
type Extracted<T> =
    core::pin::Pin<Box<dyn core::future::Future<Output = Result<T, CookieRejection>>>>;

impl<T: TypedCookie + 'static> FromRequest for ReadCookie<T> {
    type Error = CookieRejection;
    type Future = Extracted<Self>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            let keys = keys_for::<T>(&req)?;
            let pending = reissue::pending(&req);
            let read = crate::extract::read::<T, _>(&req, keys, pending.as_deref()).await;
            Ok(ReadCookie(read.ok().flatten()))
        })
    }
}

impl<T: ProtectedCookie + 'static> FromRequest for ReadVerified<T> {
    type Error = CookieRejection;
    type Future = Extracted<Self>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let () = T::PROTECTED;
        let req = req.clone();
        Box::pin(async move {
            let keys = keyring(&req).ok_or(CookieRejection::NoKeyring)?;
            let pending = reissue::pending(&req);
            let read = crate::extract::read_verified::<T, _>(&req, keys, pending.as_deref()).await;
            Ok(ReadVerified(read.ok().flatten()))
        })
    }
}

impl<T: TypedCookie + 'static> FromRequest for RequireCookie<T> {
    type Error = CookieRejection;
    type Future = Extracted<Self>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            let keys = keys_for::<T>(&req)?;
            let pending = reissue::pending(&req);
            require(crate::extract::read::<T, _>(&req, keys, pending.as_deref()).await)
                .map(RequireCookie)
        })
    }
}

impl ResponseError for CookieRejection {
    fn status_code(&self) -> StatusCode {
        match self {
            CookieRejection::NoKeyring => StatusCode::INTERNAL_SERVER_ERROR,
            _ => StatusCode::UNAUTHORIZED,
        }
    }
}

/// A read that failed (a malformed, forged or expired cookie) is the client's:
/// `401 Unauthorized`. A write that failed is a server bug: `500 Internal Server Error`.
/// Neither body says more than that.
impl ResponseError for Error {
    fn status_code(&self) -> StatusCode {
        if self.is_client_error() {
            StatusCode::UNAUTHORIZED
        } else {
            StatusCode::INTERNAL_SERVER_ERROR
        }
    }

    fn error_response(&self) -> HttpResponse {
        if self.is_client_error() {
            HttpResponse::Unauthorized().body("cookie missing or invalid")
        } else {
            HttpResponse::InternalServerError().body("cookie error")
        }
    }
}

impl SetCookies {
    /// Appends every line as a `Set-Cookie` header of the response being built.
    ///
    /// # Errors
    /// [`Error::InvalidLine`] for a line a header cannot carry; lines this crate renders never
    /// are.
    ///
    /// ```
    /// let mut res = actix_web::HttpResponse::Ok();
    /// typed_cookies::SetCookies::new().add("a=1; Path=/".into()).append_to(&mut res)?;
    /// assert_eq!(res.finish().headers().get("set-cookie").unwrap(), "a=1; Path=/");
    /// # Ok::<(), typed_cookies::Error>(())
    /// ```
    pub fn append_to(self, res: &mut HttpResponseBuilder) -> Result<(), Error> {
        for line in self.lines() {
            let mut value = HeaderValue::from_str(line).map_err(|_| Error::InvalidLine)?;
            value.set_sensitive(true);
            res.append_header((header::SET_COOKIE, value));
        }
        Ok(())
    }
}

/// [`CrossOriginProtection`](crate::CrossOriginProtection) as middleware: refused requests are
/// answered `403 Forbidden` before they reach a handler.
///
/// ```
/// use actix_web::{App, web};
/// use typed_cookies::CrossOriginProtection;
/// use typed_cookies::integrations::actix_web::CrossOrigin;
///
/// let protection = CrossOriginProtection::new().bypass("/webhooks/");
/// let app = App::new()
///     .wrap(CrossOrigin::new(protection))
///     .route("/transfer", web::post().to(|| async { "done" }));
/// ```
#[derive(Debug, Clone)]
pub struct CrossOrigin {
    protection: std::rc::Rc<crate::CrossOriginProtection>,
}

impl CrossOrigin {
    /// The middleware for `protection`.
    ///
    /// ```
    /// let m = typed_cookies::integrations::actix_web::CrossOrigin::new(Default::default());
    /// # let _ = m;
    /// ```
    #[must_use]
    pub fn new(protection: crate::CrossOriginProtection) -> CrossOrigin {
        CrossOrigin {
            protection: std::rc::Rc::new(protection),
        }
    }
}

impl<S, B> actix_web::dev::Transform<S, actix_web::dev::ServiceRequest> for CrossOrigin
where
    S: actix_web::dev::Service<
            actix_web::dev::ServiceRequest,
            Response = actix_web::dev::ServiceResponse<B>,
            Error = actix_web::Error,
        >,
    S::Future: 'static,
    B: 'static,
{
    type Response = actix_web::dev::ServiceResponse<actix_web::body::EitherBody<B>>;
    type Error = actix_web::Error;
    type Transform = CrossOriginService<S>;
    type InitError = ();
    type Future = Ready<Result<CrossOriginService<S>, ()>>;

    fn new_transform(&self, service: S) -> Self::Future {
        ready(Ok(CrossOriginService {
            service,
            protection: self.protection.clone(),
        }))
    }
}

/// The service [`CrossOrigin`] wraps around the application: a cross-site POST gets `403`.
///
/// ```
/// use actix_web::{App, test, web};
/// use typed_cookies::CrossOriginProtection;
/// use typed_cookies::integrations::actix_web::CrossOrigin;
///
/// # actix_web::rt::System::new().block_on(async {
/// let app = test::init_service(
///     App::new()
///         .wrap(CrossOrigin::new(CrossOriginProtection::new()))
///         .route("/transfer", web::post().to(|| async { "done" })),
/// )
/// .await;
/// let req = test::TestRequest::post()
///     .uri("/transfer")
///     .insert_header(("sec-fetch-site", "cross-site"))
///     .to_request();
/// assert_eq!(test::call_service(&app, req).await.status(), 403);
/// # });
/// ```
#[derive(Debug)]
pub struct CrossOriginService<S> {
    service: S,
    protection: std::rc::Rc<crate::CrossOriginProtection>,
}

impl<S, B> actix_web::dev::Service<actix_web::dev::ServiceRequest> for CrossOriginService<S>
where
    S: actix_web::dev::Service<
            actix_web::dev::ServiceRequest,
            Response = actix_web::dev::ServiceResponse<B>,
            Error = actix_web::Error,
        >,
    S::Future: 'static,
    B: 'static,
{
    type Response = actix_web::dev::ServiceResponse<actix_web::body::EitherBody<B>>;
    type Error = actix_web::Error;
    type Future =
        core::pin::Pin<Box<dyn core::future::Future<Output = Result<Self::Response, Self::Error>>>>;

    actix_web::dev::forward_ready!(service);

    fn call(&self, req: actix_web::dev::ServiceRequest) -> Self::Future {
        let headers = req.headers();
        let text = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
        let host = text("host").or_else(|| req.uri().authority().map(|a| a.as_str()));
        let checked = self.protection.check(
            req.method().as_str(),
            req.path(),
            host,
            text("sec-fetch-site"),
            text("origin"),
        );
        match checked {
            Ok(()) => {
                let fut = self.service.call(req);
                Box::pin(async move {
                    fut.await
                        .map(actix_web::dev::ServiceResponse::map_into_left_body)
                })
            }
            Err(refused) => {
                let res = req
                    .into_response(HttpResponse::Forbidden().body(refused.to_string()))
                    .map_into_right_body();
                Box::pin(async move { Ok(res) })
            }
        }
    }
}

impl<T: ProtectedCookie + 'static> FromRequest for crate::CsrfChecked<T> {
    type Error = crate::csrf::CsrfRejection;
    type Future = core::pin::Pin<Box<dyn core::future::Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            let token = req
                .headers()
                .get(crate::csrf::CSRF_HEADER)
                .and_then(|v| v.to_str().ok());
            let keys = keyring(&req).ok_or(crate::csrf::CsrfRejection::NoSession)?;
            let session = crate::CsrfToken::check::<T, _>(&req, keys, token)?;
            let pending = reissue::pending(&req);
            crate::extract::admit(session, keys, pending.as_deref())
                .await
                .map(crate::CsrfChecked)
                .ok_or(crate::csrf::CsrfRejection::NoSession)
        })
    }
}

/// `403 Forbidden`, saying which check failed.
impl ResponseError for crate::csrf::CsrfRejection {
    fn status_code(&self) -> StatusCode {
        StatusCode::FORBIDDEN
    }
}

impl<T, F> FromRequest for crate::CsrfForm<T, F>
where
    T: ProtectedCookie + 'static,
    F: serde::de::DeserializeOwned + 'static,
{
    type Error = actix_web::Error;
    type Future = core::pin::Pin<Box<dyn core::future::Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let req = req.clone();
        let body = web::Bytes::from_request(&req, payload);
        Box::pin(async move {
            let body = body.await?;
            let fields: Vec<(String, String)> = serde_urlencoded::from_bytes(&body)
                .map_err(|_| actix_web::error::ErrorBadRequest("not a form"))?;
            let token = fields
                .iter()
                .find(|(k, _)| k == crate::csrf::CSRF_FIELD)
                .map(|(_, v)| v.as_str());
            let keys = keyring(&req).ok_or(crate::csrf::CsrfRejection::NoSession)?;
            let session = crate::CsrfToken::check::<T, _>(&req, keys, token)?;
            let pending = reissue::pending(&req);
            let session = crate::extract::admit(session, keys, pending.as_deref())
                .await
                .ok_or(crate::csrf::CsrfRejection::NoSession)?;
            let form = serde_urlencoded::from_bytes(&body).map_err(|_| {
                actix_web::error::ErrorUnprocessableEntity("the form does not match")
            })?;
            Ok(crate::CsrfForm { session, form })
        })
    }
}

#[cfg(any(feature = "flask", feature = "django", feature = "rails"))]
mod foreign {
    use super::*;
    use crate::interop::{ForeignCookie, ForeignFormat};
    use crate::interop::{ReadForeign, RequireForeign};

    /// The framework's secret from `app_data`: the secret itself or `web::Data` of it.
    fn secret<T: ForeignCookie>(
        req: &HttpRequest,
    ) -> Result<&<T::Format as ForeignFormat>::Secret, CookieRejection>
    where
        <T::Format as ForeignFormat>::Secret: 'static,
    {
        req.app_data::<<T::Format as ForeignFormat>::Secret>()
            .or_else(|| {
                req.app_data::<web::Data<<T::Format as ForeignFormat>::Secret>>()
                    .map(|d| d.get_ref())
            })
            .ok_or(CookieRejection::NoKeyring)
    }

    impl<T: ForeignCookie> FromRequest for ReadForeign<T>
    where
        <T::Format as ForeignFormat>::Secret: 'static,
    {
        type Error = CookieRejection;
        type Future = Ready<Result<Self, Self::Error>>;

        fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
            ready(secret::<T>(req).map(|secret| {
                ReadForeign(crate::interop::read::<T, _>(req, secret).ok().flatten())
            }))
        }
    }

    impl<T: ForeignCookie> FromRequest for RequireForeign<T>
    where
        <T::Format as ForeignFormat>::Secret: 'static,
    {
        type Error = CookieRejection;
        type Future = Ready<Result<Self, Self::Error>>;

        fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
            ready(secret::<T>(req).and_then(|secret| {
                crate::extract::require_named(
                    T::SPEC.name(),
                    crate::interop::read::<T, _>(req, secret),
                )
                .map(RequireForeign)
            }))
        }
    }
}
