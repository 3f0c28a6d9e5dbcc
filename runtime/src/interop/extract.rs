//! What the framework extractors hand a handler for another framework's cookie, and the
//! response side of one.

use super::foreign::{ForeignCookie, removal};
use crate::set_cookies::SetCookies;

/// Another framework's cookie (`format = "..."`) read from the request, for extractors: `Some`
/// only when it is present and verifies, like [`ReadCookie`](crate::ReadCookie). The framework's secret comes from
/// state (axum, through `FromRef`) or `app_data` (actix-web, the secret or `web::Data` of it).
///
/// ```
/// use typed_cookies::interop::ReadForeign;
/// let ReadForeign(value) = ReadForeign(Some(5));
/// assert_eq!(value, Some(5));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadForeign<T>(pub Option<T>);

/// Another framework's cookie the handler requires: `401 Unauthorized` when it is absent or
/// does not verify, like [`RequireCookie`](crate::RequireCookie).
///
/// ```
/// use typed_cookies::interop::RequireForeign;
/// let RequireForeign(value) = RequireForeign(5);
/// assert_eq!(value, 5);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequireForeign<T>(pub T);

impl SetCookies {
    /// Adds the line that deletes the foreign cookie `T` (another framework's format).
    ///
    /// ```
    /// # #[cfg(feature = "flask")] {
    /// # use serde::{Deserialize, Serialize};
    /// #[derive(typed_cookies::Cookie, Serialize, Deserialize)]
    /// #[cookie(name = "session", format = "flask", secure = false)]
    /// struct FlaskSession { user: String }
    /// let c = typed_cookies::SetCookies::new().remove_foreign::<FlaskSession>();
    /// assert!(c.lines()[0].starts_with("session=; Path=/; Max-Age=0"));
    /// # }
    /// ```
    pub fn remove_foreign<T: ForeignCookie>(self) -> SetCookies {
        self.add(removal::<T>())
    }
}
