//! axum 0.8 integration: [`ReadCookie`](crate::ReadCookie) and [`RequireCookie`](crate::RequireCookie) extract typed cookies with the
//! [`Keyring`](crate::Keyring) taken from state through `FromRef`; [`SetCookies`](crate::SetCookies) is response parts.
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
//!     .route("/login", axum::routing::post(login))
//!     .with_state(AppState { keys: Keyring::generate() });
//! ```

mod cross_origin;
mod csrf;
mod extract;
#[cfg(any(feature = "flask", feature = "django", feature = "rails"))]
mod foreign;
mod future;
mod keys;
mod reissue;

pub use cross_origin::{CrossOrigin, CrossOriginLayer};
pub use keys::KeysFromState;
pub use reissue::{Reissue, ReissueLayer};
