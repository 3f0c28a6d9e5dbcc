//! The CSRF extractors.

use axum_core::extract::{FromRef, FromRequest, FromRequestParts};
use axum_core::response::{IntoResponse, Response};
use http::StatusCode;
use http::request::Parts;

use super::reissue;
use crate::{Keyring, ProtectedCookie};

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
        let session = crate::csrf::check_token::<T, _>(&parts.headers, &keys, token)?;
        crate::extract::admit(session, &keys, reissue::pending(parts))
            .await
            .map(crate::CsrfChecked)
            .ok_or(crate::csrf::CsrfRejection::NoSession)
    }
}

impl<T, F, S> FromRequest<S> for crate::CsrfForm<T, F>
where
    T: ProtectedCookie + Send,
    F: serde::de::DeserializeOwned + Send,
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
        let content_type = parts
            .headers
            .get(http::header::CONTENT_TYPE)
            .map(http::HeaderValue::as_bytes);
        let (token, form) =
            crate::extract::csrf_form::<F>(content_type, body.as_bytes()).map_err(|e| {
                let status = StatusCode::from_u16(e.status()).unwrap_or(StatusCode::BAD_REQUEST);
                (status, e.message()).into_response()
            })?;
        let session = crate::csrf::check_token::<T, _>(&parts.headers, &keys, token.as_deref())
            .map_err(IntoResponse::into_response)?;
        let session = crate::extract::admit(session, &keys, reissue::pending(&parts))
            .await
            .ok_or_else(|| crate::csrf::CsrfRejection::NoSession.into_response())?;
        Ok(crate::CsrfForm(session, form))
    }
}

/// `403 Forbidden`, saying which check failed.
impl IntoResponse for crate::csrf::CsrfRejection {
    fn into_response(self) -> Response {
        (StatusCode::FORBIDDEN, self.to_string()).into_response()
    }
}
