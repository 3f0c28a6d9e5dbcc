//! Revocation: "log out everywhere" and a single stolen session, refused by the extractors of
//! axum and actix-web; the store failing closed (or open when asked); and the Redis store
//! against a real `redis-server` on a loopback port.

mod common;

use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use axum::routing::get;
use common::pair;
use serde::{Deserialize, Serialize};
use tower::ServiceExt as _;
use typed_cookies::revocation::{
    MemoryRevocations, RedisRevocations, Revocation, RevocationFuture, Revocations, SessionRef,
    StoreError,
};
use typed_cookies::{
    Cookie, CsrfChecked, CsrfToken, Keyring, ReadCookie, RequireCookie, TypedCookie,
};

#[derive(Cookie, Serialize, Deserialize, Debug, PartialEq, Clone)]
#[cookie(name = "__Host-session", sealed, expires = "1d", subject = "user_id")]
struct Session {
    user_id: u64,
    device: String,
}

fn session(user_id: u64, device: &str, keys: &Keyring, at: SystemTime) -> String {
    let value = Session {
        user_id,
        device: device.into(),
    };
    pair(&Session::SPEC.write_at(&value, Some(keys), at).unwrap()).to_owned()
}

fn app(keys: Keyring) -> Router {
    Router::new()
        .route(
            "/read",
            get(|ReadCookie(s): ReadCookie<Session>| async move {
                s.map_or_else(|| "nobody".to_owned(), |s| s.device)
            }),
        )
        .route(
            "/require",
            get(|RequireCookie(s): RequireCookie<Session>| async move { s.device }),
        )
        .route(
            "/csrf",
            axum::routing::post(
                |CsrfChecked(s): CsrfChecked<Session>| async move { s.value.device },
            ),
        )
        .with_state(keys)
}

async fn call(keys: &Keyring, uri: &str, cookie: &str) -> (StatusCode, String) {
    let req = Request::get(uri)
        .header(header::COOKIE, cookie)
        .body(Body::empty())
        .unwrap();
    let res = app(keys.clone()).oneshot(req).await.unwrap();
    let status = res.status();
    let body = axum::body::to_bytes(res.into_body(), 1 << 10)
        .await
        .unwrap();
    (status, String::from_utf8_lossy(&body).into_owned())
}

#[tokio::test]
async fn log_out_everywhere_and_one_stolen_session() {
    let store = Arc::new(MemoryRevocations::new());
    let keys = Keyring::from_test_secret(&[1; 32])
        .unwrap()
        .with_revocations(Revocations::new(store.clone()));
    let now = SystemTime::now();
    let laptop = session(7, "laptop", &keys, now - Duration::from_secs(600));
    let phone = session(7, "phone", &keys, now - Duration::from_secs(300));
    let other_user = session(8, "tablet", &keys, now - Duration::from_secs(600));
    assert_eq!(call(&keys, "/read", &laptop).await.1, "laptop");

    // A single stolen session: only that one is refused.
    store.revoke_session(
        "7",
        now - Duration::from_secs(600),
        Duration::from_secs(86_400),
    );
    assert_eq!(call(&keys, "/read", &laptop).await.1, "nobody");
    assert_eq!(
        call(&keys, "/require", &laptop).await.0,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(call(&keys, "/read", &phone).await.1, "phone");

    // Log out everywhere: every session of user 7 issued before now; user 8 is untouched, and a
    // login after it works.
    let just_now = session(7, "just logged in", &keys, now);
    store.revoke_all_before("7", now);
    assert_eq!(call(&keys, "/read", &phone).await.1, "nobody");
    // Cookies carry whole seconds: a login within the same second is refused too.
    assert_eq!(call(&keys, "/read", &just_now).await.1, "nobody");
    assert_eq!(
        call(&keys, "/require", &phone).await.0,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(call(&keys, "/read", &other_user).await.1, "tablet");
    let fresh = session(7, "new login", &keys, now + Duration::from_secs(1));
    assert_eq!(
        call(&keys, "/require", &fresh).await,
        (StatusCode::OK, "new login".into())
    );

    // Without the hook on the keyring, nothing is revoked: the cookies still verify.
    let plain_keys = Keyring::from_test_secret(&[1; 32]).unwrap();
    assert_eq!(call(&plain_keys, "/read", &laptop).await.1, "laptop");
}

/// A revoked session's own CSRF token does not admit it: the CSRF extractors ask the hook too.
#[tokio::test]
async fn a_revoked_session_fails_the_csrf_extractors() {
    let store = Arc::new(MemoryRevocations::new());
    let keys = Keyring::from_test_secret(&[1; 32])
        .unwrap()
        .with_revocations(Revocations::new(store.clone()));
    let laptop = session(
        7,
        "laptop",
        &keys,
        SystemTime::now() - Duration::from_secs(60),
    );
    let token = CsrfToken::for_session::<Session, _>(laptop.as_str(), &keys)
        .unwrap()
        .unwrap();
    let post = |cookie: String| {
        let req = Request::post("/csrf")
            .header(header::COOKIE, cookie)
            .header("x-csrf-token", token.as_str())
            .body(Body::empty())
            .unwrap();
        app(keys.clone()).oneshot(req)
    };
    assert_eq!(post(laptop.clone()).await.unwrap().status(), StatusCode::OK);
    store.revoke_all_before("7", SystemTime::now());
    assert_eq!(post(laptop).await.unwrap().status(), StatusCode::FORBIDDEN);
}

/// A store that cannot answer.
struct Down;

impl Revocation for Down {
    fn is_revoked<'a>(&'a self, _: SessionRef<'a>) -> RevocationFuture<'a> {
        Box::pin(async { Err(StoreError("connection refused".into())) })
    }
}

#[tokio::test]
async fn an_unreachable_store_fails_closed_unless_told_otherwise() {
    let now = SystemTime::now();
    let closed = Keyring::from_test_secret(&[1; 32])
        .unwrap()
        .with_revocations(Revocations::new(Down));
    let cookie = session(7, "laptop", &closed, now);
    assert_eq!(
        call(&closed, "/require", &cookie).await.0,
        StatusCode::UNAUTHORIZED
    );
    let open = Keyring::from_test_secret(&[1; 32])
        .unwrap()
        .with_revocations(Revocations::new(Down).fail_open());
    assert_eq!(call(&open, "/require", &cookie).await.0, StatusCode::OK);
}

#[actix_web::test]
async fn actix_extractors_consult_the_hook_too() {
    use actix_web::{App, test, web};
    async fn require(RequireCookie(s): RequireCookie<Session>) -> String {
        s.device
    }
    let store = Arc::new(MemoryRevocations::new());
    let keys = Keyring::from_test_secret(&[1; 32])
        .unwrap()
        .with_revocations(Revocations::new(store.clone()));
    let now = SystemTime::now();
    let cookie = session(7, "laptop", &keys, now - Duration::from_secs(60));
    let app = test::init_service(
        App::new()
            .app_data(web::Data::new(keys.clone()))
            .route("/require", web::get().to(require)),
    )
    .await;
    let get = || {
        test::TestRequest::get()
            .uri("/require")
            .insert_header(("cookie", cookie.clone()))
            .to_request()
    };
    assert_eq!(test::call_service(&app, get()).await.status().as_u16(), 200);
    store.revoke_all_before("7", now);
    assert_eq!(test::call_service(&app, get()).await.status().as_u16(), 401);
}

/// `redis-server` on a free loopback port, stopped when dropped.
struct RedisServer(Child, u16);

impl Drop for RedisServer {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn redis_server() -> Option<RedisServer> {
    redis_server_on(common::net::free_port())
}

/// `redis-server` on `port`: a restart listens where the old one did.
fn redis_server_on(port: u16) -> Option<RedisServer> {
    let child = Command::new("redis-server")
        .args([
            "--port",
            &port.to_string(),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn();
    let Ok(child) = child else {
        common::skip::skip(
            "the Redis revocation test",
            "redis-server",
            "apt-get install redis-server",
        );
        return None;
    };
    let server = RedisServer(child, port);
    common::net::wait_for_port(port, "redis-server", Duration::from_secs(20));
    Some(server)
}

#[tokio::test]
async fn redis_revocations_are_shared_and_fail_closed_when_redis_is_gone() {
    let Some(server) = redis_server() else {
        return;
    };
    let url = format!("redis://127.0.0.1:{}/", server.1);
    // Two servers of a fleet, each with its own connection to the same Redis.
    let fleet_a = RedisRevocations::connect(&url).await.unwrap();
    let fleet_b = RedisRevocations::connect(&url).await.unwrap();
    let keys_b = Keyring::from_test_secret(&[1; 32])
        .unwrap()
        .with_revocations(Revocations::new(fleet_b));
    let now = SystemTime::now();
    let laptop = session(7, "laptop", &keys_b, now - Duration::from_secs(600));
    let phone = session(7, "phone", &keys_b, now - Duration::from_secs(300));
    assert_eq!(call(&keys_b, "/require", &laptop).await.0, StatusCode::OK);

    fleet_a
        .revoke_session(
            "7",
            now - Duration::from_secs(600),
            Duration::from_secs(86_400),
        )
        .await
        .unwrap();
    assert_eq!(
        call(&keys_b, "/require", &laptop).await.0,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(call(&keys_b, "/require", &phone).await.0, StatusCode::OK);
    let just_now = session(7, "just logged in", &keys_b, now);
    fleet_a.revoke_all_before("7", now).await.unwrap();
    assert_eq!(call(&keys_b, "/read", &phone).await.1, "nobody");
    // Whole seconds: a login within the same second as the cut-off is refused too.
    assert_eq!(call(&keys_b, "/read", &just_now).await.1, "nobody");

    // Redis goes away: sessions are refused, not let through.
    drop(server);
    let still_valid = session(8, "tablet", &keys_b, now);
    assert_eq!(
        call(&keys_b, "/require", &still_valid).await.0,
        StatusCode::UNAUTHORIZED
    );
}

/// A fleet's Redis restarts and hangs: checks fail closed, within the store timeout, while it
/// is gone; the connection comes back by itself within a bounded time; a revocation recorded
/// after the restart is enforced (fail-open included: it is not "revocation off for good");
/// and a "log out everywhere" cut-off never moves backwards.
#[tokio::test]
async fn redis_revocations_survive_a_restart_and_a_hang() {
    let Some(server) = redis_server() else {
        return;
    };
    let port = server.1;
    let url = format!("redis://127.0.0.1:{port}/");
    let store = RedisRevocations::connect(&url).await.unwrap();
    let closed = Keyring::from_test_secret(&[1; 32])
        .unwrap()
        .with_revocations(Revocations::new(store.clone()));
    let open = Keyring::from_test_secret(&[1; 32])
        .unwrap()
        .with_revocations(Revocations::new(store.clone()).fail_open());
    let now = SystemTime::now();
    let user = |id: u64| session(id, "laptop", &closed, now - Duration::from_secs(600));

    // The cut-off only moves forward, whatever order the calls come in.
    store.revoke_all_before("9", now).await.unwrap();
    store
        .revoke_all_before("9", now - Duration::from_secs(3600))
        .await
        .unwrap();
    assert_eq!(
        call(&closed, "/require", &user(9)).await.0,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(call(&closed, "/require", &user(10)).await.0, StatusCode::OK);

    // Redis dies: refused (fail closed) or let through (fail open), within the timeout.
    drop(server);
    let started = std::time::Instant::now();
    assert_eq!(
        call(&closed, "/require", &user(10)).await.0,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(call(&open, "/require", &user(10)).await.0, StatusCode::OK);
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );

    // It comes back on the same port, empty: the connection returns by itself.
    let Some(server) = redis_server_on(port) else {
        return;
    };
    let back = std::time::Instant::now();
    while call(&closed, "/require", &user(10)).await.0 != StatusCode::OK {
        assert!(
            back.elapsed() < Duration::from_secs(10),
            "no reconnect in 10 s"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let recovered = back.elapsed();
    // A revocation recorded after the restart is enforced, by both keyrings.
    store.revoke_all_before("10", now).await.unwrap();
    assert_eq!(
        call(&closed, "/require", &user(10)).await.0,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        call(&open, "/require", &user(10)).await.0,
        StatusCode::UNAUTHORIZED
    );

    // Redis hangs (SIGSTOP): a check waits at most the response timeout, then fails closed.
    let pid = server.0.id().to_string();
    assert!(
        Command::new("kill")
            .args(["-STOP", &pid])
            .status()
            .unwrap()
            .success()
    );
    let hung = std::time::Instant::now();
    assert_eq!(
        call(&closed, "/require", &user(11)).await.0,
        StatusCode::UNAUTHORIZED
    );
    let waited = hung.elapsed();
    assert!(
        Command::new("kill")
            .args(["-CONT", &pid])
            .status()
            .unwrap()
            .success()
    );
    assert!(
        waited < typed_cookies::revocation::RESPONSE_TIMEOUT + Duration::from_millis(500),
        "a hung Redis held the request {waited:?}"
    );
    let resumed = std::time::Instant::now();
    while call(&closed, "/require", &user(11)).await.0 != StatusCode::OK {
        assert!(
            resumed.elapsed() < Duration::from_secs(10),
            "no recovery after SIGCONT"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let _ = std::io::Write::write_all(
        &mut std::io::stderr(),
        format!(
            "\nredis: recovered {recovered:?} after the restart, a hung check took {waited:?}, \
             recovered {:?} after SIGCONT\n",
            resumed.elapsed()
        )
        .as_bytes(),
    );
    drop(server);
}

/// A single session's revocation lasts as long as its cookie could: then the entry goes, and
/// the store does not grow for ever.
#[test]
fn memory_revocations_of_one_session_expire_with_the_session() {
    let store = MemoryRevocations::new();
    let login = SystemTime::now() - Duration::from_secs(60);
    store.revoke_session("7", login, Duration::from_secs(1));
    store.revoke_session("8", login, Duration::from_secs(3600));
    assert_eq!(store.len(), 2);
    std::thread::sleep(Duration::from_millis(2100));
    assert_eq!(store.len(), 1);
    store.revoke_session("9", login, Duration::from_secs(3600));
    assert_eq!(
        store.len(),
        2,
        "the expired entry was dropped on the next write"
    );
}
