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
//!     Ok((SetCookies::new().with(line), "logged in"))
//! }
//!
//! let app: Router = Router::new()
//!     .route("/", get(home))
//!     .route("/login", get(login))
//!     .with_state(AppState { keys: Keyring::generate() });
//! ```

use axum_core::extract::{FromRef, FromRequestParts};
use axum_core::response::{IntoResponse, IntoResponseParts, Response, ResponseParts};
use http::StatusCode;
use http::header::SET_COOKIE;
use http::request::Parts;

use crate::respond::require;
use crate::{
    CookieRejection, Error, Keyring, ProtectedCookie, ReadCookie, ReadVerified, RequireCookie,
    SetCookies, TypedCookie,
};

impl<T, S> FromRequestParts<S> for ReadCookie<T>
where
    T: TypedCookie,
    Keyring: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = core::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let keys = Keyring::from_ref(state);
        Ok(ReadCookie(
            crate::lineage::read_checked::<T, _>(&parts.headers, Some(&keys))
                .ok()
                .flatten(),
        ))
    }
}

impl<T, S> FromRequestParts<S> for ReadVerified<T>
where
    T: ProtectedCookie,
    Keyring: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = core::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let keys = Keyring::from_ref(state);
        Ok(ReadVerified(
            crate::lineage::read_verified_checked::<T, _>(&parts.headers, &keys)
                .ok()
                .flatten(),
        ))
    }
}

impl<T, S> FromRequestParts<S> for RequireCookie<T>
where
    T: TypedCookie,
    Keyring: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = CookieRejection;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let keys = Keyring::from_ref(state);
        require(crate::lineage::read_checked::<T, _>(
            &parts.headers,
            Some(&keys),
        ))
        .map(RequireCookie)
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
                .append(SET_COOKIE, crate::http::header_value(line)?);
        }
        Ok(res)
    }
}

impl IntoResponse for SetCookies {
    fn into_response(self) -> Response {
        (self, ()).into_response()
    }
}

/// A write that failed (too large, or a value that does not serialize) is a server bug, not
/// the client's: `500 Internal Server Error`, with no detail in the body.
impl IntoResponse for Error {
    fn into_response(self) -> Response {
        (StatusCode::INTERNAL_SERVER_ERROR, "cookie error").into_response()
    }
}
