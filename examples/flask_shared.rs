//! The Rust half of the shared-login example: an axum page that reads the session the Flask app
//! in `examples/flask_login/app.py` writes, and logs the user out of both.
//!
//! ```sh
//! python examples/flask_login/app.py &     # Flask on 127.0.0.1:5000 (pip install flask)
//! cargo run --example flask_shared --features flask   # Rust on 127.0.0.1:3001
//! ```
//!
//! Cookies are not isolated by port, so a browser sends Flask's `session` cookie to both.
//! `PORT` (3001), `FLASK_SECRET_KEY` and `FLASK_URL` match the Flask app's.

use axum::Router;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::{Deserialize, Serialize};
use typed_cookies::interop::ReadForeign;
use typed_cookies::interop::flask::{FlaskSecret, Tuple};
use typed_cookies::{Cookie, SetCookies};

/// Flask's session as the Flask app fills it; anything else it holds is kept.
#[derive(Cookie, Serialize, Deserialize)]
#[cookie(name = "session", format = "flask", secure = false)]
struct FlaskSession {
    user: String,
    visits: Option<Tuple<(u32, String)>>,
    #[serde(flatten)]
    rest: serde_json::Map<String, serde_json::Value>,
}

fn secret() -> FlaskSecret {
    FlaskSecret::new(
        std::env::var("FLASK_SECRET_KEY")
            .unwrap_or_else(|_| "development key shared with the Rust app".to_owned()),
    )
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The extractor takes Flask's secret from the state and hands over a verified session, or
/// `None`.
async fn home(ReadForeign(session): ReadForeign<FlaskSession>) -> Html<String> {
    let flask = std::env::var("FLASK_URL").unwrap_or_else(|_| "http://127.0.0.1:5000/".into());
    let flask = escape(&flask);
    Html(match session {
        Some(session) => format!(
            "<p id=\"greeting\">Rust: hello, {}, logged in on Flask.</p>\
             <form method=\"post\" action=\"/logout\"><button id=\"logout\">Log out everywhere</button></form>\
             <a id=\"flask\" href=\"{flask}\">The Flask page</a>",
            escape(&session.user)
        ),
        _ => format!(
            "<p id=\"anonymous\">Rust: not logged in.</p><a id=\"flask\" href=\"{flask}\">Log in on Flask</a>"
        ),
    })
}

/// Logging out on the Rust side deletes Flask's session cookie: Flask forgets the user too.
async fn logout() -> Response {
    (
        SetCookies::new().remove_foreign::<FlaskSession>(),
        Redirect::to("/"),
    )
        .into_response()
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let app = Router::new()
        .route("/", get(home))
        .route("/logout", post(logout))
        .with_state(secret());
    let port = std::env::var("PORT").unwrap_or_else(|_| "3001".into());
    let listener = tokio::net::TcpListener::bind(format!("127.0.0.1:{port}")).await?;
    println!(
        "the Rust half: open http://127.0.0.1:{}/",
        listener.local_addr()?.port()
    );
    axum::serve(listener, app).await
}
