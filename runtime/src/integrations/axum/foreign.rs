//! The extractors of other frameworks' cookies, with the framework's secret from state.

use axum_core::extract::{FromRef, FromRequestParts};
use http::request::Parts;

use crate::interop::{ForeignCookie, ForeignFormat};
use crate::interop::{ReadForeign, RequireForeign};
use crate::{CookieRejection, Error};

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
