//! The typed-cookies demo: an axum app to open in a browser.
//!
//! `cargo run --example demo`, then open the printed URL. `PORT` picks the port (3000);
//! `TYPED_COOKIES_SECRET` (base64, 32+ bytes) sets the key; without it the demo uses a public
//! key embedded in `shared/mod.rs`, and says so.
//!
//! It uses everything a login needs in production: a sealed sliding session with an absolute
//! limit, re-issued by `ReissueLayer`; cross-site POSTs refused by `CrossOriginLayer`; forms
//! that carry the session's CSRF token, checked by `CsrfForm`; and "log out everywhere" through
//! the revocation hook on the keyring.

mod shared;

use std::sync::Arc;

use axum::Router;
use axum::extract::{Form, FromRef, State};
use axum::http::HeaderMap;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;
use shared::{Page, Prefs, Session, Theme};
use typed_cookies::integrations::axum::{CrossOriginLayer, ReissueLayer};
use typed_cookies::revocation::MemoryRevocations;
use typed_cookies::{CrossOriginProtection, CsrfForm, Keyring, ReadCookie, ReadVerified};

/// The app's state: the keyring (which the extractors take through `FromRef`) and the
/// revocation store it consults.
#[derive(Clone)]
struct AppState {
    keys: Keyring,
    revocations: Arc<MemoryRevocations>,
}

impl FromRef<AppState> for Keyring {
    fn from_ref(state: &AppState) -> Keyring {
        state.keys.clone()
    }
}

/// Every cookie the page shows, read by the extractors: verified, not revoked, and re-issued
/// by the layer when due.
fn page(
    State(keys): State<Keyring>,
    ReadVerified(session): ReadVerified<Session>,
    ReadCookie(prefs): ReadCookie<Prefs>,
    ReadCookie(theme): ReadCookie<Theme>,
    headers: HeaderMap,
) -> Page {
    Page::new(session, prefs, theme, &headers, &keys)
}

async fn home(
    state: State<Keyring>,
    session: ReadVerified<Session>,
    prefs: ReadCookie<Prefs>,
    theme: ReadCookie<Theme>,
    headers: HeaderMap,
) -> Html<String> {
    Html(page(state, session, prefs, theme, headers).page())
}

async fn whoami(
    state: State<Keyring>,
    session: ReadVerified<Session>,
    prefs: ReadCookie<Prefs>,
    theme: ReadCookie<Theme>,
    headers: HeaderMap,
) -> Response {
    let json = page(state, session, prefs, theme, headers).json();
    ([("content-type", "application/json")], json).into_response()
}

#[derive(Deserialize)]
struct Login {
    user: String,
}

async fn login(
    State(keys): State<Keyring>,
    Form(form): Form<Login>,
) -> Result<Response, typed_cookies::Error> {
    Ok(match shared::login(&form.user, &keys)? {
        Some(cookies) => (cookies, Redirect::to("/")).into_response(),
        None => Redirect::to("/").into_response(),
    })
}

/// Only with this session's CSRF token: another site cannot log the user out.
async fn logout(_: CsrfForm<Session, ()>) -> Response {
    (shared::logout(), Redirect::to("/")).into_response()
}

async fn logout_everywhere(State(state): State<AppState>, form: CsrfForm<Session, ()>) -> Response {
    let user = &form.0.value.user;
    (
        shared::log_out_everywhere(&state.revocations, user),
        Redirect::to("/"),
    )
        .into_response()
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let (keys, revocations) = shared::keyring();
    let state = AppState { keys, revocations };
    let app = Router::new()
        .route("/", get(home))
        .route("/whoami", get(whoami))
        .route("/login", post(login))
        .route("/logout", post(logout))
        .route("/logout-everywhere", post(logout_everywhere))
        .layer(ReissueLayer::new())
        .layer(CrossOriginLayer::new(CrossOriginProtection::new()))
        .with_state(state);
    let listener = tokio::net::TcpListener::bind(shared::address()).await?;
    let port = listener.local_addr()?.port();
    println!("typed-cookies demo: open http://localhost:{port}/");
    axum::serve(listener, app).await
}
