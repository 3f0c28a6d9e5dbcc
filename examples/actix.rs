//! The demo's routes on actix-web: the cookie code is the same as in `demo.rs`.
//! `cargo run --example actix`, then open the printed URL.

mod shared;

use actix_web::http::header;
use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};
use serde::Deserialize;
use typed_cookies::Keyring;

async fn home(req: HttpRequest, keys: web::Data<Keyring>) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .body(shared::Read::from(&req, &keys).page())
}

async fn whoami(req: HttpRequest, keys: web::Data<Keyring>) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("application/json")
        .body(shared::Read::from(&req, &keys).json())
}

#[derive(Deserialize)]
struct Login {
    user: String,
}

async fn login(
    form: web::Form<Login>,
    keys: web::Data<Keyring>,
) -> Result<HttpResponse, typed_cookies::Error> {
    let mut res = HttpResponse::SeeOther();
    res.insert_header((header::LOCATION, "/"));
    if let Some(cookies) = shared::login(&form.user, &keys)? {
        cookies.append_to(&mut res)?;
    }
    Ok(res.finish())
}

async fn logout() -> Result<HttpResponse, typed_cookies::Error> {
    let mut res = HttpResponse::SeeOther();
    res.insert_header((header::LOCATION, "/"));
    shared::logout().append_to(&mut res)?;
    Ok(res.finish())
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    let keys = web::Data::new(shared::keyring());
    let server = HttpServer::new(move || {
        App::new()
            .app_data(keys.clone())
            .route("/", web::get().to(home))
            .route("/whoami", web::get().to(whoami))
            .route("/login", web::post().to(login))
            .route("/logout", web::post().to(logout))
    })
    .workers(2)
    .bind(shared::address())?;
    let port = server.addrs()[0].port();
    println!("typed-cookies demo on actix-web: open http://localhost:{port}/");
    server.run().await
}
