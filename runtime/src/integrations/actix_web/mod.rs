//! actix-web 4 integration: [`ReadCookie`](crate::ReadCookie) and [`RequireCookie`](crate::RequireCookie) extract typed cookies with the
//! [`Keyring`](crate::Keyring) taken from `app_data` (a `Keyring` or a `web::Data<Keyring>`); [`SetCookies`](crate::SetCookies)
//! appends to a response builder; every read accepts an `HttpRequest` or its header map.
//!
//! ```
//! use actix_web::{App, HttpResponse, web};
//! use serde::{Deserialize, Serialize};
//! use typed_cookies::{Cookie, Keyring, ReadCookie, SetCookies};
//!
//! #[derive(Cookie, Serialize, Deserialize)]
//! #[cookie(name = "__Host-session", sealed, expires = "2d")]
//! struct Session { user: String }
//!
//! async fn home(ReadCookie(session): ReadCookie<Session>) -> String {
//!     session.map_or_else(|| "please log in".to_owned(), |s| format!("hello {}", s.user))
//! }
//!
//! async fn login(keys: web::Data<Keyring>) -> Result<HttpResponse, typed_cookies::Error> {
//!     let line = Session { user: "ada".into() }.to_set_cookie(&keys)?;
//!     let mut res = HttpResponse::Ok();
//!     SetCookies::new().add(line).append_to(&mut res)?;
//!     Ok(res.body("logged in"))
//! }
//!
//! let app = App::new()
//!     .app_data(web::Data::new(Keyring::generate()))
//!     .route("/", web::get().to(home))
//!     .route("/login", web::post().to(login));
//! ```

mod cross_origin;
mod csrf;
mod extract;
#[cfg(any(feature = "flask", feature = "django", feature = "rails"))]
mod foreign;
mod headers;
mod keys;
mod reissue;

pub use cross_origin::{CrossOrigin, CrossOriginService};
pub use reissue::{Reissue, ReissueService};
