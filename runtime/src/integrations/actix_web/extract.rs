//! The typed-cookie extractors, and `SetCookies` and errors as responses.

use actix_web::dev::Payload;
use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{FromRequest, HttpRequest, HttpResponse, HttpResponseBuilder, ResponseError};

use super::keys::{keyring, keys_for};
use super::reissue;
use crate::extract::require;
use crate::{
    CookieRejection, Error, ProtectedCookie, ReadCookie, ReadVerified, RequireCookie, SetCookies,
    TypedCookie,
};

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

/// `401 Unauthorized` naming the cookie, or for a missing keyring `500` with a body that says
/// nothing of the server's configuration (the log says what is missing).
impl ResponseError for CookieRejection {
    fn status_code(&self) -> StatusCode {
        match self {
            CookieRejection::NoKeyring => StatusCode::INTERNAL_SERVER_ERROR,
            _ => StatusCode::UNAUTHORIZED,
        }
    }

    fn error_response(&self) -> HttpResponse {
        if matches!(self, CookieRejection::NoKeyring) {
            tracing::error!(
                "a cookie extractor found no typed_cookies::Keyring in app_data: add \
                 `.app_data(keys.clone())` or `.app_data(web::Data::new(keys))` to the App"
            );
            return HttpResponse::InternalServerError().body("internal server error");
        }
        HttpResponse::build(self.status_code()).body(self.to_string())
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
