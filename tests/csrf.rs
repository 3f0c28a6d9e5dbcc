//! CSRF tokens bound to the session: missing, wrong, another session's, an expired session, a
//! session written again and a rotated key all fail; the session's own token passes, from a
//! header (axum and actix-web) or a form field (axum).

mod common;

use std::time::{Duration, SystemTime};

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use axum::routing::post;
use common::pair;
use serde::{Deserialize, Serialize};
use tower::ServiceExt as _;
use typed_cookies::csrf::CsrfRejection;
use typed_cookies::{Cookie, CsrfChecked, CsrfForm, CsrfToken, Keyring, TypedCookie};

#[derive(Cookie, Serialize, Deserialize, Debug, PartialEq, Clone)]
#[cookie(name = "__Host-session", sealed, expires = "1h")]
struct Session {
    user: String,
}

#[derive(Deserialize)]
struct Transfer {
    amount: u32,
}

fn keys() -> Keyring {
    Keyring::from_test_secret(&[3; 32]).unwrap()
}

fn session(user: &str, keys: &Keyring) -> String {
    pair(&Session { user: user.into() }.to_set_cookie(keys).unwrap()).to_owned()
}

fn app(keys: Keyring) -> Router {
    Router::new()
        .route(
            "/header",
            post(|CsrfChecked(s): CsrfChecked<Session>| async move { s.value.user }),
        )
        .route(
            "/form",
            post(|f: CsrfForm<Session, Transfer>| async move {
                format!("{} {}", f.0.value.user, f.1.amount)
            }),
        )
        .with_state(keys)
}

async fn send(
    keys: &Keyring,
    path: &str,
    cookie: &str,
    token: Option<&str>,
) -> (StatusCode, String) {
    let mut req = Request::post(path).header(header::COOKIE, cookie);
    let body = if path == "/form" {
        req = req.header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        match token {
            Some(t) => format!("amount=5&csrf_token={t}"),
            None => "amount=5".to_owned(),
        }
    } else {
        if let Some(t) = token {
            req = req.header("x-csrf-token", t);
        }
        String::new()
    };
    let res = app(keys.clone())
        .oneshot(req.body(Body::from(body)).unwrap())
        .await
        .unwrap();
    let status = res.status();
    let body = axum::body::to_bytes(res.into_body(), 1 << 12)
        .await
        .unwrap();
    (status, String::from_utf8_lossy(&body).into_owned())
}

#[tokio::test]
async fn the_sessions_own_token_passes_and_every_other_fails() {
    let keys = keys();
    let ada = session("ada", &keys);
    let grace = session("grace", &keys);
    let ada_token = CsrfToken::for_session::<Session, _>(ada.as_str(), &keys)
        .unwrap()
        .unwrap();
    let grace_token = CsrfToken::for_session::<Session, _>(grace.as_str(), &keys)
        .unwrap()
        .unwrap();
    assert_ne!(ada_token, grace_token);

    for path in ["/header", "/form"] {
        let ok = send(&keys, path, &ada, Some(ada_token.as_str())).await;
        assert_eq!(ok.0, StatusCode::OK, "{path}: {}", ok.1);
        assert!(ok.1.starts_with("ada"));
        let cases = [
            (None, "no token was sent"),
            (Some("AAAAAAAAAAAAAAAAAAAAAA"), "not this session's"),
            (Some(grace_token.as_str()), "not this session's"),
        ];
        for (token, why) in cases {
            let (status, body) = send(&keys, path, &ada, token).await;
            assert_eq!(status, StatusCode::FORBIDDEN, "{path} {token:?}");
            assert!(body.contains(why), "{path}: {body}");
        }
        // No session at all.
        let (status, body) = send(&keys, path, "", Some(ada_token.as_str())).await;
        assert_eq!(
            (status, body.contains("no valid session")),
            (StatusCode::FORBIDDEN, true)
        );
    }
}

#[test]
fn an_expired_session_a_rewritten_one_and_a_rotated_key_end_the_token() {
    let keys = keys();
    // Expired: the session no longer verifies, so neither does its token.
    let long_ago = SystemTime::now() - Duration::from_secs(7200);
    let old = pair(
        &Session::SPEC
            .write_at(&Session { user: "ada".into() }, Some(&keys), long_ago)
            .unwrap(),
    )
    .to_owned();
    let token = CsrfToken::check::<Session, _>(old.as_str(), &keys, Some("x"));
    assert_eq!(token.err(), Some(CsrfRejection::NoSession));

    // Written again (a refresh, a login): the old token stops working.
    let first = session("ada", &keys);
    let token = CsrfToken::for_session::<Session, _>(first.as_str(), &keys)
        .unwrap()
        .unwrap();
    let again = session("ada", &keys);
    assert_eq!(
        CsrfToken::check::<Session, _>(again.as_str(), &keys, Some(token.as_str())).err(),
        Some(CsrfRejection::WrongToken)
    );

    // A rotated key: the session written under the old key still reads, and its token with
    // it; written under the new key, the old token fails; once the old key is retired, the old
    // session and its token fail.
    let rotated = Keyring::from_test_secret(&[4; 32])
        .unwrap()
        .with_previous(&[3; 32])
        .unwrap();
    assert!(CsrfToken::check::<Session, _>(first.as_str(), &rotated, Some(token.as_str())).is_ok());
    let rewritten = session("ada", &rotated);
    assert_eq!(
        CsrfToken::check::<Session, _>(rewritten.as_str(), &rotated, Some(token.as_str())).err(),
        Some(CsrfRejection::WrongToken)
    );
    let retired = Keyring::from_test_secret(&[4; 32]).unwrap();
    assert_eq!(
        CsrfToken::check::<Session, _>(first.as_str(), &retired, Some(token.as_str())).err(),
        Some(CsrfRejection::NoSession)
    );
}

#[actix_web::test]
async fn actix_checks_the_header_and_the_form_too() {
    use actix_web::{App, test, web};
    async fn transfer(CsrfChecked(s): CsrfChecked<Session>) -> String {
        s.value.user
    }
    async fn form(f: CsrfForm<Session, Transfer>) -> String {
        format!("{} {}", f.0.value.user, f.1.amount)
    }
    let keys = keys();
    let app = test::init_service(
        App::new()
            .app_data(web::Data::new(keys.clone()))
            .route("/t", web::post().to(transfer))
            .route("/f", web::post().to(form)),
    )
    .await;
    let ada = session("ada", &keys);
    let token = CsrfToken::for_session::<Session, _>(ada.as_str(), &keys)
        .unwrap()
        .unwrap();
    for (t, want) in [
        (Some(token.to_string()), 200),
        (None, 403),
        (Some("x".into()), 403),
    ] {
        let mut req = test::TestRequest::post()
            .uri("/t")
            .insert_header(("cookie", ada.clone()));
        if let Some(t) = t {
            req = req.insert_header(("x-csrf-token", t));
        }
        assert_eq!(
            test::call_service(&app, req.to_request())
                .await
                .status()
                .as_u16(),
            want
        );
    }
}

/// A form of nothing but the token (a logout button) is `CsrfForm<T, ()>`; a form that does not
/// match the handler's type is `400`, a JSON body `415` with a message that says where the token
/// goes instead.
#[tokio::test]
async fn token_only_forms_pass_and_bodies_of_other_shapes_say_why() {
    let keys = keys();
    let cookie = session("ada", &keys);
    let token = CsrfToken::for_session::<Session, _>(cookie.as_str(), &keys)
        .unwrap()
        .unwrap();
    let app = || {
        Router::new()
            .route("/logout", post(|_: CsrfForm<Session, ()>| async { "bye" }))
            .route(
                "/form",
                post(|f: CsrfForm<Session, Transfer>| async move { f.1.amount.to_string() }),
            )
            .with_state(keys.clone())
    };
    let send = |path: &'static str, content_type: &'static str, body: String| {
        let req = Request::post(path)
            .header(header::COOKIE, cookie.as_str())
            .header(header::CONTENT_TYPE, content_type)
            .body(Body::from(body))
            .unwrap();
        let app = app();
        async move {
            let res = app.oneshot(req).await.unwrap();
            let status = res.status();
            let body = axum::body::to_bytes(res.into_body(), 1 << 12)
                .await
                .unwrap();
            (status, String::from_utf8_lossy(&body).into_owned())
        }
    };
    let form = "application/x-www-form-urlencoded";
    let t = token.as_str();
    assert_eq!(
        send("/logout", form, format!("csrf_token={t}")).await,
        (StatusCode::OK, "bye".into())
    );
    assert_eq!(
        send("/logout", form, "csrf_token=forged".into()).await.0,
        StatusCode::FORBIDDEN
    );
    let (status, body) = send("/form", form, format!("csrf_token={t}&amount=many")).await;
    assert_eq!(
        (status, body.as_str()),
        (StatusCode::BAD_REQUEST, "the form does not match")
    );
    let json = format!(r#"{{"csrf_token":"{t}","amount":5}}"#);
    let (status, body) = send("/form", "application/json", json).await;
    assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert!(body.contains("X-CSRF-Token"), "{body}");
    assert_eq!(
        send("/form", form, format!("amount=5&csrf_token={t}")).await,
        (StatusCode::OK, "5".into())
    );
}

#[actix_web::test]
async fn actix_takes_token_only_forms_and_says_why_a_body_is_refused() {
    use actix_web::{App, test, web};
    let keys = keys();
    let cookie = session("ada", &keys);
    let token = CsrfToken::for_session::<Session, _>(cookie.as_str(), &keys)
        .unwrap()
        .unwrap();
    let app = test::init_service(App::new().app_data(keys.clone()).route(
        "/logout",
        web::post().to(|_: CsrfForm<Session, ()>| async { "bye" }),
    ))
    .await;
    let send = |content_type: &'static str, body: String| {
        test::TestRequest::post()
            .uri("/logout")
            .insert_header((header::COOKIE.as_str(), cookie.clone()))
            .insert_header((header::CONTENT_TYPE.as_str(), content_type))
            .set_payload(body)
            .to_request()
    };
    let form = "application/x-www-form-urlencoded";
    let res = test::call_service(&app, send(form, format!("csrf_token={}", token.as_str()))).await;
    assert_eq!(res.status().as_u16(), 200);
    let res = test::call_service(&app, send("application/json", "{}".into())).await;
    assert_eq!(res.status().as_u16(), 415);
}
