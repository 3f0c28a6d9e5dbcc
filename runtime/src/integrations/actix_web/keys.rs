//! Where actix-web extractors find the keyring: `app_data`.

use actix_web::{HttpRequest, web};

use crate::{CookieRejection, Keyring, TypedCookie};

pub(super) fn keyring(req: &HttpRequest) -> Option<&Keyring> {
    req.app_data::<Keyring>()
        .or_else(|| req.app_data::<web::Data<Keyring>>().map(|d| d.get_ref()))
}

/// The keyring a read of `T` needs: none for a plain cookie (so an app without a keyring reads
/// plain cookies), the one in `app_data` for a signed or sealed one.
pub(super) fn keys_for<T: TypedCookie>(
    req: &HttpRequest,
) -> Result<Option<&Keyring>, CookieRejection> {
    if T::SPEC.mode() == crate::Mode::Plain {
        return Ok(None);
    }
    keyring(req).map(Some).ok_or(CookieRejection::NoKeyring)
}
