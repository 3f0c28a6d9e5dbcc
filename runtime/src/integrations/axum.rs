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

use axum_core::extract::{FromRef, FromRequestParts, OptionalFromRequestParts};
use axum_core::response::{IntoResponse, IntoResponseParts, Response, ResponseParts};
use http::StatusCode;
use http::header::SET_COOKIE;
use http::request::Parts;

use crate::respond::require;
use crate::{
    CookieRejection, Error, Keyring, ProtectedCookie, ReadCookie, ReadVerified, RequireCookie,
    SetCookies, TypedCookie,
};

/// Where an extractor of a cookie type finds its keyring: nowhere for a plain cookie, so a
/// `Router<()>` reads plain cookies; in the state through `FromRef` for a signed or sealed one.
pub trait KeysFromState<S> {
    /// The keyring, if this kind of cookie needs one.
    fn keys(state: &S) -> Option<Keyring>;
}

impl<S> KeysFromState<S> for crate::__private::Plain {
    fn keys(_: &S) -> Option<Keyring> {
        None
    }
}

impl<S> KeysFromState<S> for crate::__private::Protected
where
    Keyring: FromRef<S>,
{
    fn keys(state: &S) -> Option<Keyring> {
        Some(Keyring::from_ref(state))
    }
}

impl<T, S> FromRequestParts<S> for ReadCookie<T>
where
    T: TypedCookie,
    T::Keys: KeysFromState<S>,
    S: Send + Sync,
{
    type Rejection = core::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let keys = T::Keys::keys(state);
        Ok(ReadCookie(
            crate::lineage::read_checked::<T, _>(&parts.headers, keys.as_ref())
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
        let () = T::PROTECTED;
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
    T::Keys: KeysFromState<S>,
    S: Send + Sync,
{
    type Rejection = CookieRejection;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        required::<T, S>(parts, state).map(RequireCookie)
    }
}

/// The read of [`RequireCookie`], with its rejection.
fn required<T, S>(parts: &Parts, state: &S) -> Result<T, CookieRejection>
where
    T: TypedCookie,
    T::Keys: KeysFromState<S>,
{
    let keys = T::Keys::keys(state);
    require(crate::lineage::read_checked::<T, _>(
        &parts.headers,
        keys.as_ref(),
    ))
}

/// `Option<RequireCookie<T>>`: `None` when the cookie is absent, the value when it verifies,
/// and `401 Unauthorized` when it is present but malformed, forged or expired (as axum-extra's
/// `Option<TypedHeader<T>>` rejects a header that does not parse).
impl<T, S> OptionalFromRequestParts<S> for RequireCookie<T>
where
    T: TypedCookie,
    T::Keys: KeysFromState<S>,
    S: Send + Sync,
{
    type Rejection = CookieRejection;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &S,
    ) -> Result<Option<Self>, Self::Rejection> {
        match required::<T, S>(parts, state) {
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
