//! The extractors of other frameworks' cookies, with the framework's secret from `app_data`.

use core::future::{Ready, ready};

use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest, web};

use crate::CookieRejection;
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
        ready(
            secret::<T>(req).map(|secret| {
                ReadForeign(crate::interop::read::<T, _>(req, secret).ok().flatten())
            }),
        )
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
            crate::extract::require_named(T::SPEC.name(), crate::interop::read::<T, _>(req, secret))
                .map(RequireForeign)
        }))
    }
}
