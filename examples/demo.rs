//! The typed-cookies demo: an axum app to open in a browser.
//!
//! `cargo run --example demo`, then open the printed URL. `PORT` picks the port (3000);
//! `TYPED_COOKIES_SECRET` (base64, 32+ bytes) keeps sessions across restarts.

mod shared;

use axum::Router;
use axum::extract::{Form, State};
use axum::http::HeaderMap;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;
use typed_cookies::Keyring;

async fn home(State(keys): State<Keyring>, headers: HeaderMap) -> Html<String> {
    Html(shared::Read::from(&headers, &keys).page())
}

async fn whoami(State(keys): State<Keyring>, headers: HeaderMap) -> Response {
    (
        [("content-type", "application/json")],
        shared::Read::from(&headers, &keys).json(),
    )
        .into_response()
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

async fn logout() -> Response {
    (shared::logout(), Redirect::to("/")).into_response()
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    // The keyring is the state; with a larger state, derive `FromRef` and the handlers and
    // typed_cookies' extractors still take `State<Keyring>`.
    let state: Keyring = shared::keyring();
    let app = Router::new()
        .route("/", get(home))
        .route("/whoami", get(whoami))
        .route("/login", post(login))
        .route("/logout", post(logout))
        .with_state(state);
    let listener = tokio::net::TcpListener::bind(shared::address()).await?;
    let port = listener.local_addr()?.port();
    println!("typed-cookies demo: open http://localhost:{port}/");
    axum::serve(listener, app).await
}
