//! The CSRF extractors.

use actix_web::dev::Payload;
use actix_web::http::StatusCode;
use actix_web::{FromRequest, HttpRequest, HttpResponse, ResponseError, web};

use super::keys::keyring;
use super::reissue;
use crate::ProtectedCookie;

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
            let session = crate::csrf::check_token::<T, _>(&req, keys, token)?;
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
            let content_type = req
                .headers()
                .get(actix_web::http::header::CONTENT_TYPE)
                .map(actix_web::http::header::HeaderValue::as_bytes);
            let (token, form) =
                crate::extract::csrf_form::<F>(content_type, &body).map_err(|e| {
                    let status =
                        StatusCode::from_u16(e.status()).unwrap_or(StatusCode::BAD_REQUEST);
                    actix_web::error::InternalError::from_response(
                        e.message(),
                        HttpResponse::build(status).body(e.message()),
                    )
                })?;
            let keys = keyring(&req).ok_or(crate::csrf::CsrfRejection::NoSession)?;
            let session = crate::csrf::check_token::<T, _>(&req, keys, token.as_deref())?;
            let pending = reissue::pending(&req);
            let session = crate::extract::admit(session, keys, pending.as_deref())
                .await
                .ok_or(crate::csrf::CsrfRejection::NoSession)?;
            Ok(crate::CsrfForm(session, form))
        })
    }
}
