//! The demo's routes on actix-web: the cookie code is the same as in `demo.rs`, and so are the
//! protections (re-issue, cross-origin refusal, CSRF forms, log out everywhere).
//! `cargo run --example actix --features actix`, then open the printed URL.

mod shared;

use std::sync::Arc;

use actix_web::http::header;
use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};
use serde::Deserialize;
use shared::{Page, Prefs, Session, Theme};
use typed_cookies::integrations::actix_web::{CrossOrigin, Reissue};
use typed_cookies::revocation::MemoryRevocations;
use typed_cookies::{CrossOriginProtection, CsrfForm, Keyring, ReadCookie, ReadVerified};

fn page(
    req: &HttpRequest,
    keys: &Keyring,
    ReadVerified(session): ReadVerified<Session>,
    ReadCookie(prefs): ReadCookie<Prefs>,
    ReadCookie(theme): ReadCookie<Theme>,
) -> Page {
    Page::new(session, prefs, theme, req, keys)
}

async fn home(
    req: HttpRequest,
    keys: web::Data<Keyring>,
    session: ReadVerified<Session>,
    prefs: ReadCookie<Prefs>,
    theme: ReadCookie<Theme>,
) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .body(page(&req, &keys, session, prefs, theme).page())
}

async fn whoami(
    req: HttpRequest,
    keys: web::Data<Keyring>,
    session: ReadVerified<Session>,
    prefs: ReadCookie<Prefs>,
    theme: ReadCookie<Theme>,
) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("application/json")
        .body(page(&req, &keys, session, prefs, theme).json())
}

#[derive(Deserialize)]
struct Login {
    user: String,
}

fn see_other(
    cookies: Option<typed_cookies::SetCookies>,
) -> Result<HttpResponse, typed_cookies::Error> {
    let mut res = HttpResponse::SeeOther();
    res.insert_header((header::LOCATION, "/"));
    if let Some(cookies) = cookies {
        cookies.append_to(&mut res)?;
    }
    Ok(res.finish())
}

async fn login(
    form: web::Form<Login>,
    keys: web::Data<Keyring>,
) -> Result<HttpResponse, typed_cookies::Error> {
    see_other(shared::login(&form.user, &keys)?)
}

async fn logout(_: CsrfForm<Session, ()>) -> Result<HttpResponse, typed_cookies::Error> {
    see_other(Some(shared::logout()))
}

async fn logout_everywhere(
    form: CsrfForm<Session, ()>,
    store: web::Data<Arc<MemoryRevocations>>,
) -> Result<HttpResponse, typed_cookies::Error> {
    see_other(Some(shared::log_out_everywhere(&store, &form.0.value.user)))
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    let (keys, store) = shared::keyring();
    let (keys, store) = (web::Data::new(keys), web::Data::new(store));
    let server = HttpServer::new(move || {
        App::new()
            .app_data(keys.clone())
            .app_data(store.clone())
            .wrap(Reissue::new())
            .wrap(CrossOrigin::new(CrossOriginProtection::new()))
            .route("/", web::get().to(home))
            .route("/whoami", web::get().to(whoami))
            .route("/login", web::post().to(login))
            .route("/logout", web::post().to(logout))
            .route("/logout-everywhere", web::post().to(logout_everywhere))
    })
    .workers(2)
    .bind(shared::address())?;
    let port = server.addrs()[0].port();
    println!("typed-cookies demo on actix-web: open http://localhost:{port}/");
    server.run().await
}
