//! Where axum extractors find the keyring.

use axum_core::extract::FromRef;

use crate::keyring::Keyring;

/// Where an extractor of a cookie type finds its keyring: nowhere for a plain cookie, so a
/// `Router<()>` reads plain cookies; in the state through `FromRef` for a signed or sealed one.
///
/// ```
/// use serde::{Deserialize, Serialize};
/// use typed_cookies::{Cookie, Keyring, TypedCookie};
/// use typed_cookies::integrations::axum::KeysFromState;
///
/// #[derive(Cookie, Serialize, Deserialize)]
/// #[cookie(name = "theme", plain, httponly = false)]
/// struct Theme(String);
///
/// #[derive(Cookie, Serialize, Deserialize)]
/// #[cookie(name = "__Host-session", sealed)]
/// struct Session { user_id: u64 }
///
/// fn keys<T: TypedCookie, S>(state: &S) -> Option<Keyring> where T::Keys: KeysFromState<S> {
///     T::Keys::keys(state)
/// }
/// assert!(keys::<Theme, ()>(&()).is_none());
/// assert!(keys::<Session, Keyring>(&Keyring::generate()).is_some());
/// ```
#[diagnostic::on_unimplemented(
    message = "the axum state `{S}` does not hold the `Keyring` that reads this cookie type",
    label = "signed and sealed cookies take the keyring from the state through `FromRef`",
    note = "put the keyring into the router's state (`.with_state(keys)`, or a field of a `#[derive(FromRef)]` state struct); `#[axum::debug_handler]` on the handler names the extractor at fault"
)]
pub trait KeysFromState<S> {
    /// The keyring, if this kind of cookie needs one.
    ///
    /// ```
    /// use typed_cookies::{Keyring, TypedCookie};
    /// use typed_cookies::integrations::axum::KeysFromState;
    /// # use serde::{Deserialize, Serialize};
    /// # #[derive(typed_cookies::Cookie, Serialize, Deserialize)]
    /// # #[cookie(name = "__Host-session", sealed)]
    /// # struct Session { user_id: u64 }
    /// let keys = <Session as TypedCookie>::Keys::keys(&Keyring::generate());
    /// assert!(keys.is_some());
    /// ```
    fn keys(state: &S) -> Option<Keyring>;
}

impl<S> KeysFromState<S> for crate::cookie::Plain {
    fn keys(_: &S) -> Option<Keyring> {
        None
    }
}

impl<S> KeysFromState<S> for crate::cookie::Protected
where
    Keyring: FromRef<S>,
{
    fn keys(state: &S) -> Option<Keyring> {
        Some(Keyring::from_ref(state))
    }
}
