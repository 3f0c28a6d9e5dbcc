//! Other frameworks' cookies as types: Flask's session, Django's session and signed cookies,
//! Rails' encrypted and signed cookies, each behind its cargo feature, so that a Rust endpoint shares a login with the app it is
//! replacing.
//!
//! A foreign cookie is declared like a native one, with `format = "..."`:
//!
//! ```
//! # #[cfg(feature = "flask")] {
//! use serde::{Deserialize, Serialize};
//! use typed_cookies::Cookie;
//! use typed_cookies::interop::flask::FlaskSecret;
//!
//! #[derive(Cookie, Serialize, Deserialize, Debug, PartialEq)]
//! #[cookie(name = "session", format = "flask", secure = false, same_site = "lax")]
//! struct FlaskSession {
//!     #[serde(rename = "_user_id")]
//!     user_id: String,
//!     // Everything else Flask keeps in the session (Flask-Login's keys, a CSRF token, ...):
//!     #[serde(flatten)]
//!     rest: serde_json::Map<String, serde_json::Value>,
//! }
//!
//! let secret = FlaskSecret::new("the Flask app's SECRET_KEY");
//! let line = FlaskSession { user_id: "7".into(), rest: Default::default() }.to_set_cookie(&secret)?;
//! let back = FlaskSession::from_header(line.split(';').next().unwrap(), &secret)?.unwrap();
//! assert_eq!(back.user_id, "7");
//! # }
//! # Ok::<(), typed_cookies::Error>(())
//! ```
//!
//! The methods take that framework's secret type ([`flask::FlaskSecret`],
//! [`django::DjangoSecret`]), so a [`Keyring`](crate::Keyring), or one framework's secret for
//! another's cookie, does not compile. The browser attributes follow the same rules and
//! defaults as native cookies; set them to match the old app where both must see one cookie.
//!
//! These formats are weaker than the native ones (SECURITY.md says how): use them for the
//! migration, then move the login to a native sealed cookie.

#[cfg(any(feature = "flask", feature = "django"))]
mod ascii_json;
#[cfg(feature = "django")]
#[cfg_attr(docsrs, doc(cfg(feature = "django")))]
pub mod django;
#[cfg(any(feature = "flask", feature = "django"))]
mod dotted;
mod extract;
#[cfg(feature = "flask")]
#[cfg_attr(docsrs, doc(cfg(feature = "flask")))]
pub mod flask;
#[cfg(feature = "rails")]
#[cfg_attr(docsrs, doc(cfg(feature = "rails")))]
pub mod rails;

mod foreign;

pub use extract::{ReadForeign, RequireForeign};
pub use foreign::{Context, ForeignCookie, ForeignFormat};
#[doc(hidden)]
pub use foreign::{read, read_at, removal, write, write_at};
