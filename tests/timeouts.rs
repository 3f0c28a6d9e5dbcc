//! Sliding and absolute timeouts: `refresh` re-issues a session that is in use, `max_lifetime`
//! ends it a fixed time after the login however often it was re-issued, and the login time
//! travels authenticated. The re-issue layers of axum and actix-web write due cookies again
//! (past their refresh time, of a previous key, of a previous type) without handler code.

mod common;

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::http::{Request, StatusCode, header};
use axum::routing::{get, post};
use common::{decode, encode, pair, value};
use serde::{Deserialize, Serialize};
use tower::ServiceExt as _;
use typed_cookies::integrations::axum::ReissueLayer;
use typed_cookies::revocation::{MemoryRevocations, Revocations};
use typed_cookies::{
    Cookie, CsrfChecked, CsrfForm, CsrfToken, Error, Keyring, ReadCookie, ReadVerified,
    RequireCookie, SetCookies, TypedCookie, Verified,
};

/// A form with nothing but its CSRF token.
#[derive(Deserialize)]
struct NoFields {}

const HOUR: u64 = 3600;
const DAY: u64 = 86_400;

#[derive(Cookie, Serialize, Deserialize, Debug, PartialEq, Clone)]
#[cookie(
    name = "__Host-session",
    sealed,
    expires = "2h",
    refresh = "15m",
    max_lifetime = "30d",
    subject = "user_id"
)]
struct Session {
    user_id: u64,
}

/// The same cookie before it declared any timeouts: its values carry no login time.
#[derive(Cookie, Serialize, Deserialize, Debug, PartialEq, Clone)]
#[cookie(name = "__Host-session", sealed, expires = "2h", subject = "user_id")]
struct Untracked {
    user_id: u64,
}

#[derive(Cookie, Serialize, Deserialize, Debug, PartialEq, Clone)]
#[cookie(name = "prefs", signed, expires = "1d", refresh = "1h")]
struct PrefsV1 {
    lang: String,
}

#[derive(Cookie, Serialize, Deserialize, Debug, PartialEq, Clone)]
#[cookie(name = "prefs", signed, expires = "1d", refresh = "1h", previous = PrefsV1)]
struct Prefs {
    lang: String,
    dark: bool,
}

impl From<PrefsV1> for Prefs {
    fn from(old: PrefsV1) -> Prefs {
        Prefs {
            lang: old.lang,
            dark: false,
        }
    }
}

/// The first phase of adding timeouts to a cookie in a rolling change: reads as the new type,
/// writes still as the old one.
#[derive(Cookie, Serialize, Deserialize, Debug, PartialEq, Clone)]
#[cookie(name = "cart", signed, expires = "1d")]
struct CartV1 {
    items: u32,
}

#[derive(Cookie, Serialize, Deserialize, Debug, PartialEq, Clone)]
#[cookie(
    name = "cart",
    signed,
    expires = "1d",
    refresh = "1h",
    max_lifetime = "7d",
    previous = CartV1,
    write_previous
)]
struct Cart {
    items: u32,
    coupon: Option<String>,
}

impl From<CartV1> for Cart {
    fn from(old: CartV1) -> Cart {
        Cart {
            items: old.items,
            coupon: None,
        }
    }
}

impl From<&Cart> for CartV1 {
    fn from(new: &Cart) -> CartV1 {
        CartV1 { items: new.items }
    }
}

fn ago(secs: u64) -> SystemTime {
    SystemTime::now() - Duration::from_secs(secs)
}

fn keys() -> Keyring {
    Keyring::from_test_secret(&[7; 32]).unwrap()
}

/// A `Set-Cookie` line of `Session` for user 7 that logged in at `login` and was last
/// (re-)issued at `issued`: the session re-issued along the way, as a browser that keeps using
/// it would see (in hops of up to 28 days, under a spec with a longer lifetime, which the
/// binding does not include), then once more by `Session` itself.
fn session_line(keys: &Keyring, login: SystemTime, issued: SystemTime) -> String {
    let value = Session { user_id: 7 };
    if issued == login {
        return Session::SPEC.write_at(&value, Some(keys), login).unwrap();
    }
    let long = Session::SPEC.expires(29 * DAY);
    let mut line = long.write_at(&value, Some(keys), login).unwrap();
    let mut at = login;
    loop {
        let next = (at + Duration::from_secs(28 * DAY)).min(issued);
        let read = long
            .read_verified_at::<Session, _>(pair(&line), keys, next)
            .unwrap()
            .unwrap();
        let spec = if next == issued { Session::SPEC } else { long };
        line = spec.reissue_at(&read, keys, next).unwrap().unwrap();
        if next == issued {
            return line;
        }
        at = next;
    }
}

fn read_at(line: &str, keys: &Keyring, at: SystemTime) -> Result<Option<Verified<Session>>, Error> {
    Session::SPEC.read_verified_at::<Session, _>(pair(line), keys, at)
}

/// The `Max-Age` of a `Set-Cookie` line.
fn max_age(line: &str) -> u64 {
    line.split("; ")
        .find_map(|a| a.strip_prefix("Max-Age="))
        .unwrap()
        .parse()
        .unwrap()
}

fn secs(t: SystemTime) -> u64 {
    t.duration_since(SystemTime::UNIX_EPOCH).unwrap().as_secs()
}

#[test]
fn the_absolute_limit_counts_from_the_login_through_every_reissue() {
    let keys = keys();
    let login = ago(30 * DAY - HOUR);
    // Re-issued a day ago: its two-hour lifetime from then has passed, but a re-issue half an
    // hour ago is still good, and the absolute end cuts it to one hour from now.
    let stale = session_line(&keys, login, ago(DAY));
    assert_eq!(
        read_at(&stale, &keys, SystemTime::now()),
        Err(Error::Expired)
    );
    let line = session_line(&keys, login, ago(HOUR / 2));
    let now = SystemTime::now();
    let got = read_at(&line, &keys, now).unwrap().unwrap();
    assert_eq!(secs(got.login_at()), secs(login));
    assert_eq!(secs(got.ends_at().unwrap()), secs(login) + 30 * DAY);
    assert_eq!(got.expires_at(), got.ends_at());
    // The re-issue told the browser the same: a Max-Age that ends at the absolute end.
    // (Whole seconds: the login and the re-issue were stamped microseconds apart, so a second
    // boundary between them moves the difference by one.)
    let max_age = max_age(&line);
    assert!(
        (HOUR * 3 / 2 - 1..=HOUR * 3 / 2 + 1).contains(&max_age),
        "Max-Age={max_age}, not the time from the re-issue to the absolute end"
    );
    // Past the absolute end the session is over, however recently it was re-issued.
    let later = login + Duration::from_secs(30 * DAY);
    assert_eq!(read_at(&line, &keys, later), Err(Error::Expired));
    let refreshed = session_line(&keys, login, later - Duration::from_secs(60));
    assert_eq!(read_at(&refreshed, &keys, later), Err(Error::Expired));
}

/// The reader's `max_lifetime` governs, whatever expiry the writer gave: a deployment that
/// shortens it ends sessions already out there.
#[test]
fn a_shortened_absolute_limit_applies_to_sessions_already_issued() {
    let keys = keys();
    let generous = Session::SPEC.expires(29 * DAY).max_lifetime(60 * DAY);
    let login = ago(31 * DAY);
    let mut line = generous
        .write_at(&Session { user_id: 7 }, Some(&keys), login)
        .unwrap();
    for at in [ago(10 * DAY), ago(HOUR)] {
        let read = generous
            .read_verified_at::<Session, _>(pair(&line), &keys, at)
            .unwrap()
            .unwrap();
        line = generous.reissue_at(&read, &keys, at).unwrap().unwrap();
    }
    assert!(
        generous
            .read_verified::<Session, _>(pair(&line), &keys)
            .unwrap()
            .is_some()
    );
    assert_eq!(
        Session::from_header_verified(pair(&line), &keys),
        Err(Error::Expired)
    );
}

/// A type that still writes its previous type (`write_previous`) re-issues as that type, and
/// keeps the login time, so its absolute limit does not restart with every refresh.
#[test]
fn a_reissue_under_write_previous_keeps_the_login() {
    let keys = keys();
    let start = ago(3 * HOUR);
    let old = CartV1::SPEC
        .write_at(&CartV1 { items: 2 }, Some(&keys), start)
        .unwrap();
    let read = Cart::from_header_verified(pair(&old), &keys)
        .unwrap()
        .unwrap();
    assert!(read.migrated() && read.is_due());
    assert_eq!(read.login_at(), read.issued_at());
    let again = read.reissue(&keys).unwrap().unwrap();
    // Written as the previous type, which the previous deployment still reads...
    assert_eq!(
        CartV1::from_header(pair(&again), &keys).unwrap(),
        Some(CartV1 { items: 2 })
    );
    // ...with the session's login time.
    let renewed = Cart::from_header_verified(pair(&again), &keys)
        .unwrap()
        .unwrap();
    assert_eq!(secs(renewed.login_at()), secs(start));
    assert_eq!(
        secs(renewed.ends_at().unwrap()),
        secs(start) + 7 * DAY,
        "the absolute limit counts from the first login"
    );
    assert!(
        !renewed.is_due(),
        "just re-issued, and migrated is not due under write_previous"
    );
}

#[test]
fn the_login_time_is_authenticated() {
    let keys = Keyring::from_test_secret(&[7; 32]).unwrap();
    let signed = typed_cookies::CookieSpec::new("s")
        .signed()
        .expires(2 * HOUR)
        .max_lifetime(DAY);
    let sealed = signed.sealed();
    // The origin (login time, then session id) follows the header in a signed value and the
    // nonce in a sealed one (encrypted there); the flag is bit 0x10 of the mode byte.
    for (spec, flag, origin) in [(signed, 0x11, 22..38), (sealed, 0x12, 34..50)] {
        let line = spec.write(&1u8, Some(&keys)).unwrap();
        let raw = decode(value(&line));
        assert_eq!(raw[1], flag, "a value with an origin");
        for i in std::iter::once(1).chain(origin) {
            for bit in 0..8 {
                let mut forged = raw.clone();
                forged[i] ^= 1 << bit;
                let header = format!("s={}", encode(&forged));
                let read = spec.read_verified::<u8, _>(header.as_str(), &keys);
                assert!(
                    matches!(read, Err(Error::Invalid | Error::Malformed)),
                    "{} byte {i} bit {bit}: {read:?}",
                    spec.mode()
                );
            }
        }
    }
}

#[test]
fn cookies_from_before_the_timeouts_count_from_their_issue_time() {
    let keys = keys();
    let old = Untracked { user_id: 7 }.to_set_cookie(&keys).unwrap();
    assert_eq!(decode(value(&old))[1], 0x02, "no origin");
    // Read by the type that now declares timeouts: its login is its issue time.
    let got = Session::from_header_verified(pair(&old), &keys)
        .unwrap()
        .unwrap();
    assert_eq!(got.login_at(), got.issued_at());
    assert!(!got.is_due());
    // Re-issued, it gains an origin with that login time; a type that no longer tracks one
    // still reads it.
    let line = Session::SPEC
        .reissue_at(
            &got,
            &keys,
            SystemTime::now() + Duration::from_secs(16 * 60),
        )
        .unwrap()
        .unwrap();
    assert_eq!(decode(value(&line))[1], 0x12);
    let again = read_at(
        &line,
        &keys,
        SystemTime::now() + Duration::from_secs(16 * 60),
    )
    .unwrap()
    .unwrap();
    assert_eq!(again.login_at(), got.issued_at());
    let untracked = Untracked::SPEC.read_verified_at::<Untracked, _>(
        pair(&line),
        &keys,
        SystemTime::now() + Duration::from_secs(16 * 60),
    );
    assert_eq!(untracked.unwrap().unwrap().value, Untracked { user_id: 7 });
}

#[test]
fn csrf_tokens_survive_a_refresh_but_not_a_new_login() {
    let keys = keys();
    let login = ago(20 * 60);
    let first = session_line(&keys, login, login);
    let token = CsrfToken::for_set_cookie::<Session>(&first, &keys).unwrap();
    let read = read_at(&first, &keys, ago(60)).unwrap().unwrap();
    let refreshed = Session::SPEC
        .reissue_at(&read, &keys, ago(60))
        .unwrap()
        .unwrap();
    assert_ne!(value(&first), value(&refreshed));
    assert!(CsrfToken::check::<Session, _>(pair(&refreshed), &keys, Some(token.as_str())).is_ok());
    let at = ago(60);
    let new_login = session_line(&keys, at, at);
    assert!(CsrfToken::check::<Session, _>(pair(&new_login), &keys, Some(token.as_str())).is_err());
}

// The axum layer.

fn app(keys: Keyring, layer: bool) -> Router {
    let router = Router::new()
        .route(
            "/",
            get(|RequireCookie(s): RequireCookie<Session>| async move { s.user_id.to_string() }),
        )
        .route(
            "/verified",
            get(|ReadVerified(s): ReadVerified<Session>| async move {
                s.map_or(0, |s| secs(s.login_at())).to_string()
            }),
        )
        .route(
            "/prefs",
            get(|RequireCookie(p): RequireCookie<Prefs>| async move { p.lang }),
        )
        .route(
            "/form",
            post(|CsrfChecked(s): CsrfChecked<Session>| async move { s.value.user_id.to_string() }),
        )
        .route(
            "/logout",
            post(|RequireCookie(_): RequireCookie<Session>| async move {
                SetCookies::new().add(Session::removal())
            }),
        )
        .route(
            "/read",
            get(|ReadCookie(s): ReadCookie<Session>| async move {
                s.map_or(0, |s| s.user_id).to_string()
            }),
        )
        .route(
            "/optional",
            get(|s: Option<RequireCookie<Session>>| async move {
                s.map_or(0, |s| s.0.user_id).to_string()
            }),
        )
        .route(
            "/csrf-form",
            post(|f: CsrfForm<Session, NoFields>| async move { f.0.value.user_id.to_string() }),
        )
        .route(
            "/login-again",
            post(
                |State(keys): State<Keyring>, RequireCookie(_): RequireCookie<Session>| async move {
                    SetCookies::new().add(Session { user_id: 8 }.to_set_cookie(&keys).unwrap())
                },
            ),
        );
    let router = if layer {
        router.layer(ReissueLayer::new())
    } else {
        router
    };
    router.with_state(keys)
}

struct Reply {
    status: StatusCode,
    set_cookie: Vec<String>,
    body: String,
}

async fn call(app: Router, method: &str, uri: &str, cookie: &str, csrf: Option<&str>) -> Reply {
    let mut req = Request::builder()
        .method(method)
        .uri(uri)
        .header(header::COOKIE, cookie);
    let mut body = String::new();
    match csrf {
        Some(token) if uri == "/csrf-form" => {
            req = req.header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
            body = format!("csrf_token={token}");
        }
        Some(token) => req = req.header("x-csrf-token", token),
        None => {}
    }
    let res = app
        .oneshot(req.body(Body::from(body)).unwrap())
        .await
        .unwrap();
    let status = res.status();
    let set_cookie = res
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .collect();
    let body = axum::body::to_bytes(res.into_body(), 1 << 12)
        .await
        .unwrap();
    Reply {
        status,
        set_cookie,
        body: String::from_utf8_lossy(&body).into_owned(),
    }
}

#[tokio::test]
async fn axum_reissues_a_session_past_its_refresh_time_and_keeps_its_login() {
    let keys = keys();
    let login = ago(5 * HOUR);
    let fresh = session_line(&keys, login, ago(60));
    let due = session_line(&keys, login, ago(20 * 60));

    let r = call(app(keys.clone(), true), "GET", "/", pair(&fresh), None).await;
    assert_eq!((r.status, r.body.as_str()), (StatusCode::OK, "7"));
    assert!(r.set_cookie.is_empty(), "not due: {:?}", r.set_cookie);

    let r = call(app(keys.clone(), true), "GET", "/", pair(&due), None).await;
    assert_eq!((r.status, r.body.as_str()), (StatusCode::OK, "7"));
    assert_eq!(r.set_cookie.len(), 1, "{:?}", r.set_cookie);
    let renewed = Session::from_header_verified(pair(&r.set_cookie[0]), &keys)
        .unwrap()
        .unwrap();
    assert_eq!(secs(renewed.login_at()), secs(login));
    assert!(renewed.issued_at() >= ago(5));
    assert!(r.set_cookie[0].contains("Max-Age=7200"));

    // ReadVerified offers it too; without the layer nothing is re-issued.
    let r = call(
        app(keys.clone(), true),
        "GET",
        "/verified",
        pair(&due),
        None,
    )
    .await;
    assert_eq!(r.body, secs(login).to_string());
    assert_eq!(r.set_cookie.len(), 1);
    let r = call(app(keys.clone(), false), "GET", "/", pair(&due), None).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.set_cookie.is_empty());
}

/// Every extractor offers a due session: `ReadCookie`, `Option<RequireCookie>` and `CsrfForm`
/// as well as the ones above; and a handler that sets the cookie itself (a new login) keeps
/// its own line.
#[tokio::test]
async fn axum_every_extractor_reissues_and_a_new_login_wins() {
    let keys = keys();
    let login = ago(5 * HOUR);
    let due = session_line(&keys, login, ago(20 * 60));
    let token = CsrfToken::for_session::<Session, _>(pair(&due), &keys)
        .unwrap()
        .unwrap();
    for (method, uri, csrf) in [
        ("GET", "/read", None),
        ("GET", "/optional", None),
        ("POST", "/csrf-form", Some(token.as_str())),
    ] {
        let r = call(app(keys.clone(), true), method, uri, pair(&due), csrf).await;
        assert_eq!((r.status, r.body.as_str()), (StatusCode::OK, "7"), "{uri}");
        assert_eq!(r.set_cookie.len(), 1, "{uri}: {:?}", r.set_cookie);
        let renewed = Session::from_header_verified(pair(&r.set_cookie[0]), &keys)
            .unwrap()
            .unwrap();
        assert_eq!(secs(renewed.login_at()), secs(login), "{uri}");
    }
    let r = call(
        app(keys.clone(), true),
        "POST",
        "/login-again",
        pair(&due),
        None,
    )
    .await;
    assert_eq!(r.set_cookie.len(), 1, "{:?}", r.set_cookie);
    let new = Session::from_header(pair(&r.set_cookie[0]), &keys)
        .unwrap()
        .unwrap();
    assert_eq!(new.user_id, 8, "the handler's line, not the re-issue");
}

#[tokio::test]
async fn axum_moves_cookies_of_a_previous_key_or_type_forward() {
    let old_keys = Keyring::from_test_secret(&[1; 32]).unwrap();
    let keys = Keyring::from_test_secret(&[2; 32])
        .unwrap()
        .with_previous(&[1; 32])
        .unwrap();
    let by_old_key = Session { user_id: 7 }.to_set_cookie(&old_keys).unwrap();
    let r = call(app(keys.clone(), true), "GET", "/", pair(&by_old_key), None).await;
    assert_eq!(r.set_cookie.len(), 1);
    let moved = Session::from_header_verified(pair(&r.set_cookie[0]), &keys)
        .unwrap()
        .unwrap();
    assert!(!moved.written_by_previous_key());
    assert!(Session::from_header(pair(&r.set_cookie[0]), &old_keys).is_err());

    let v1 = PrefsV1 { lang: "fr".into() }.to_set_cookie(&keys).unwrap();
    let r = call(app(keys.clone(), true), "GET", "/prefs", pair(&v1), None).await;
    assert_eq!(r.body, "fr");
    assert_eq!(r.set_cookie.len(), 1);
    let current = Prefs::from_header_verified(pair(&r.set_cookie[0]), &keys)
        .unwrap()
        .unwrap();
    assert!(!current.migrated());
    assert_eq!(current.value.lang, "fr");
}

#[tokio::test]
async fn axum_lets_the_handler_have_the_last_word_and_refuses_ended_sessions() {
    let keys = keys();
    let due = session_line(&keys, ago(HOUR), ago(20 * 60));
    // A logout: only the handler's removal line, not a re-issue of the session it removes.
    let r = call(app(keys.clone(), true), "POST", "/logout", pair(&due), None).await;
    assert_eq!(r.set_cookie, vec![Session::removal()]);

    // A session past its absolute end is no session: 401, and nothing re-issued.
    let ended = session_line(&keys, ago(30 * DAY + 60), ago(90));
    assert!((29..=31).contains(&max_age(&ended)), "{ended}");
    let r = call(app(keys.clone(), true), "GET", "/", pair(&ended), None).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert!(r.set_cookie.is_empty());

    // A revoked session is not re-issued either.
    let store = Arc::new(MemoryRevocations::new());
    let revoking = keys
        .clone()
        .with_revocations(Revocations::new(store.clone()));
    store.revoke_all_before("7", SystemTime::now());
    let r = call(app(revoking, true), "GET", "/", pair(&due), None).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert!(r.set_cookie.is_empty());
}

/// "Log out everywhere" counts from the login: a session that began before the cut-off is
/// refused although it was re-issued after it; one that began after it passes.
#[tokio::test]
async fn revocation_counts_from_the_login_not_the_last_reissue() {
    let store = Arc::new(MemoryRevocations::new());
    let keys = keys().with_revocations(Revocations::new(store.clone()));
    let old_login = session_line(&keys, ago(2 * HOUR), ago(10 * 60));
    let t = ago(30 * 60);
    let new_login = session_line(&keys, t, t);
    store.revoke_all_before("7", ago(HOUR));
    let r = call(app(keys.clone(), true), "GET", "/", pair(&old_login), None).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    let r = call(app(keys.clone(), true), "GET", "/", pair(&new_login), None).await;
    assert_eq!(r.status, StatusCode::OK);
}

#[tokio::test]
async fn axum_csrf_extractors_reissue_and_the_old_token_still_works() {
    let keys = keys();
    let page = typed_cookies::testing::cookie_header_issued(
        &Session { user_id: 7 },
        Some(&keys),
        Duration::from_secs(HOUR),
    )
    .unwrap();
    let token = CsrfToken::for_session::<Session, _>(page.as_str(), &keys)
        .unwrap()
        .unwrap();
    let r = call(
        app(keys.clone(), true),
        "POST",
        "/form",
        &page,
        Some(token.as_str()),
    )
    .await;
    assert_eq!((r.status, r.body.as_str()), (StatusCode::OK, "7"));
    assert_eq!(r.set_cookie.len(), 1, "due after 15 minutes");
    let r = call(
        app(keys.clone(), true),
        "POST",
        "/form",
        pair(&r.set_cookie[0]),
        Some(token.as_str()),
    )
    .await;
    assert_eq!((r.status, r.body.as_str()), (StatusCode::OK, "7"));
    assert!(r.set_cookie.is_empty());
}

/// What a re-issue does by the response's `Cache-Control`: a response a shared cache may store
/// gets no session (it would be handed to every later visitor); one no shared cache keeps gets
/// it; one without `Cache-Control` gets it with `private` added.
const CACHE_CASES: [(Option<&str>, bool, Option<&str>); 5] = [
    (
        Some("public, max-age=3600"),
        false,
        Some("public, max-age=3600"),
    ),
    (Some("max-age=60"), false, Some("max-age=60")),
    (Some("no-cache"), false, Some("no-cache")),
    (
        Some("private, max-age=60"),
        true,
        Some("private, max-age=60"),
    ),
    (None, true, Some("private")),
];

#[tokio::test]
async fn axum_puts_no_session_on_a_response_a_shared_cache_may_store() {
    use axum::response::IntoResponse as _;
    let keys = keys();
    let due = session_line(&keys, ago(5 * HOUR), ago(20 * 60));
    for (cache_control, reissued, after) in CACHE_CASES {
        let app = Router::new()
            .route(
                "/",
                get(move |RequireCookie(s): RequireCookie<Session>| async move {
                    let mut res = s.user_id.to_string().into_response();
                    if let Some(cc) = cache_control {
                        res.headers_mut()
                            .insert(header::CACHE_CONTROL, header::HeaderValue::from_static(cc));
                    }
                    res
                }),
            )
            .layer(ReissueLayer::new())
            .with_state(keys.clone());
        let req = Request::get("/")
            .header(header::COOKIE, pair(&due))
            .body(Body::empty())
            .unwrap();
        let res = app.oneshot(req).await.unwrap();
        assert_eq!(res.status(), StatusCode::OK);
        let set = res.headers().get_all(header::SET_COOKIE).iter().count();
        assert_eq!(set == 1, reissued, "{cache_control:?}");
        let cc: Vec<&str> = res
            .headers()
            .get_all(header::CACHE_CONTROL)
            .iter()
            .map(|v| v.to_str().unwrap())
            .collect();
        assert_eq!(
            cc,
            after.into_iter().collect::<Vec<_>>(),
            "{cache_control:?}"
        );
    }
}

// The actix-web middleware.

mod actix {
    use actix_web::{App, HttpResponse, test, web};
    use typed_cookies::integrations::actix_web::Reissue;

    use super::*;

    async fn home(RequireCookie(s): RequireCookie<Session>) -> String {
        s.user_id.to_string()
    }

    async fn logout(RequireCookie(_): RequireCookie<Session>) -> HttpResponse {
        HttpResponse::Ok()
            .insert_header((header::SET_COOKIE.as_str(), Session::removal()))
            .finish()
    }

    async fn form(CsrfChecked(s): CsrfChecked<Session>) -> String {
        s.value.user_id.to_string()
    }

    async fn call(
        keys: &Keyring,
        method: &str,
        uri: &str,
        cookie: &str,
        csrf: Option<&str>,
    ) -> (u16, Vec<String>) {
        let app = test::init_service(
            App::new()
                .app_data(keys.clone())
                .wrap(Reissue::new())
                .route("/", web::get().to(home))
                .route("/logout", web::post().to(logout))
                .route("/form", web::post().to(form)),
        )
        .await;
        let mut req = if method == "POST" {
            test::TestRequest::post()
        } else {
            test::TestRequest::get()
        }
        .uri(uri)
        .insert_header(("cookie", cookie));
        if let Some(token) = csrf {
            req = req.insert_header(("x-csrf-token", token));
        }
        let res = test::call_service(&app, req.to_request()).await;
        let lines = res
            .headers()
            .get_all(header::SET_COOKIE.as_str())
            .map(|v| v.to_str().unwrap().to_owned())
            .collect();
        (res.status().as_u16(), lines)
    }

    #[actix_web::test]
    async fn actix_puts_no_session_on_a_response_a_shared_cache_may_store() {
        let keys = keys();
        let due = session_line(&keys, ago(5 * HOUR), ago(20 * 60));
        for (cache_control, reissued, after) in super::CACHE_CASES {
            let app = test::init_service(
                App::new()
                    .app_data(keys.clone())
                    .wrap(Reissue::new())
                    .route(
                        "/",
                        web::get().to(move |RequireCookie(s): RequireCookie<Session>| async move {
                            let mut res = HttpResponse::Ok();
                            if let Some(cc) = cache_control {
                                res.insert_header((header::CACHE_CONTROL.as_str(), cc));
                            }
                            res.body(s.user_id.to_string())
                        }),
                    ),
            )
            .await;
            let req = test::TestRequest::get()
                .uri("/")
                .insert_header(("cookie", pair(&due)))
                .to_request();
            let res = test::call_service(&app, req).await;
            assert_eq!(res.status().as_u16(), 200);
            let set = res.headers().get_all(header::SET_COOKIE.as_str()).count();
            assert_eq!(set == 1, reissued, "{cache_control:?}");
            let cc: Vec<&str> = res
                .headers()
                .get_all(header::CACHE_CONTROL.as_str())
                .map(|v| v.to_str().unwrap())
                .collect();
            assert_eq!(
                cc,
                after.into_iter().collect::<Vec<_>>(),
                "{cache_control:?}"
            );
        }
    }

    #[actix_web::test]
    async fn actix_reissues_due_sessions_and_respects_the_handler() {
        let keys = keys();
        let login = ago(5 * HOUR);
        let fresh = session_line(&keys, login, ago(60));
        let due = session_line(&keys, login, ago(20 * 60));
        assert_eq!(
            call(&keys, "GET", "/", pair(&fresh), None).await,
            (200, vec![])
        );
        let (status, lines) = call(&keys, "GET", "/", pair(&due), None).await;
        assert_eq!((status, lines.len()), (200, 1));
        let renewed = Session::from_header_verified(pair(&lines[0]), &keys)
            .unwrap()
            .unwrap();
        assert_eq!(secs(renewed.login_at()), secs(login));
        assert!(renewed.issued_at() >= ago(5));

        let (_, lines) = call(&keys, "POST", "/logout", pair(&due), None).await;
        assert_eq!(lines, vec![Session::removal()]);

        let token = CsrfToken::for_set_cookie::<Session>(&due, &keys).unwrap();
        let (status, lines) = call(&keys, "POST", "/form", pair(&due), Some(token.as_str())).await;
        assert_eq!((status, lines.len()), (200, 1));
        let (status, _) = call(
            &keys,
            "POST",
            "/form",
            pair(&lines[0]),
            Some(token.as_str()),
        )
        .await;
        assert_eq!(status, 200);

        let old_keys = Keyring::from_test_secret(&[1; 32]).unwrap();
        let rotated = Keyring::from_test_secret(&[2; 32])
            .unwrap()
            .with_previous(&[1; 32])
            .unwrap();
        let by_old_key = Session { user_id: 7 }.to_set_cookie(&old_keys).unwrap();
        let (status, lines) = call(&rotated, "GET", "/", pair(&by_old_key), None).await;
        assert_eq!((status, lines.len()), (200, 1));
        assert!(
            !Session::from_header_verified(pair(&lines[0]), &rotated)
                .unwrap()
                .unwrap()
                .written_by_previous_key()
        );
    }
}
