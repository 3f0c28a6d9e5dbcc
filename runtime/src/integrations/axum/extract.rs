//! The typed-cookie extractors, and `SetCookies` and errors as responses.

use axum_core::extract::{FromRef, FromRequestParts, OptionalFromRequestParts};
use axum_core::response::{IntoResponse, IntoResponseParts, Response, ResponseParts};
use http::StatusCode;
use http::header::SET_COOKIE;
use http::request::Parts;

use super::keys::KeysFromState;
use super::reissue;
use crate::extract::require;
use crate::{
    CookieRejection, Error, Keyring, ProtectedCookie, ReadCookie, ReadVerified, RequireCookie,
    SetCookies, TypedCookie,
};

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
