//! The framework integrations: http, axum, actix-web and the cookie crate.

mod common;

use common::pair;
use serde::{Deserialize, Serialize};
use typed_cookies::{Cookie, Keyring, ReadCookie, ReadVerified, RequireCookie, SetCookies};

#[derive(Cookie, Serialize, Deserialize, Debug, PartialEq, Clone)]
#[cookie(name = "__Host-session", sealed, expires = "1h")]
struct Session {
    user: String,
}

#[derive(Cookie, Serialize, Deserialize, Debug, PartialEq, Clone)]
#[cookie(name = "theme", plain, httponly = false)]
struct Theme(String);

fn keys() -> Keyring {
    Keyring::from_test_secret(&[5; 32]).unwrap()
}

fn valid_pair(keys: &Keyring) -> String {
    pair(&Session { user: "ada".into() }.to_set_cookie(keys).unwrap()).to_owned()
}

fn forged_pair(keys: &Keyring) -> String {
    let mut p = valid_pair(keys);
    let mid = p.len() - 10;
    let c = if &p[mid..=mid] == "A" { "B" } else { "A" };
    p.replace_range(mid..=mid, c);
    p
}

mod http_headers {
    use super::*;
    use http::{HeaderMap, HeaderValue, header::COOKIE};

    #[test]
    fn every_cookie_header_of_a_map_is_read() {
        let keys = keys();
        let mut map = HeaderMap::new();
        map.append(COOKIE, HeaderValue::from_static("theme=dark"));
        map.append(COOKIE, HeaderValue::from_str(&valid_pair(&keys)).unwrap());
        assert_eq!(
            Session::from_header(&map, &keys).unwrap(),
            Some(Session { user: "ada".into() })
        );
        assert_eq!(
            Theme::from_header(&map).unwrap(),
            Some(Theme("dark".into()))
        );
        assert_eq!(
            Session::from_header(&HeaderMap::new(), &keys).unwrap(),
            None
        );
    }

    #[test]
    fn non_utf8_header_bytes_are_handled() {
        let keys = keys();
        let mut map = HeaderMap::new();
        map.append(
            COOKIE,
            HeaderValue::from_bytes(b"x=\xff\xfe; theme=\xff").unwrap(),
        );
        map.append(
            COOKIE,
            HeaderValue::from_bytes(format!("\u{e9}=1; {}", valid_pair(&keys)).as_bytes()).unwrap(),
        );
        assert_eq!(
            Session::from_header(&map, &keys).unwrap(),
            Some(Session { user: "ada".into() })
        );
        assert_eq!(
            Theme::from_header(&map),
            Err(typed_cookies::Error::Malformed)
        );
    }

    #[test]
    fn set_cookie_header_values_are_sensitive() {
        let keys = keys();
        let line = Session { user: "ada".into() }.to_set_cookie(&keys).unwrap();
        let value = typed_cookies::integrations::http::header_value(line.clone()).unwrap();
        assert!(value.is_sensitive());
        assert_eq!(value.to_str().unwrap(), line);
    }
}

mod axum_integration {
    use super::*;
    use axum::Router;
    use axum::body::Body;
    use axum::extract::FromRef;
    use axum::http::{Request, StatusCode, header};
    use axum::routing::get;
    use tower::ServiceExt as _;

    #[derive(Clone)]
    struct State {
        keys: Keyring,
    }

    impl FromRef<State> for Keyring {
        fn from_ref(s: &State) -> Keyring {
            s.keys.clone()
        }
    }

    fn app() -> Router {
        Router::new()
            .route(
                "/read",
                get(|ReadCookie(s): ReadCookie<Session>| async move {
                    s.map_or_else(|| "nobody".to_owned(), |s| s.user)
                }),
            )
            .route(
                "/require",
                get(|RequireCookie(s): RequireCookie<Session>| async move { s.user }),
            )
            .route(
                "/verified",
                get(|ReadVerified(s): ReadVerified<Session>| async move {
                    s.map_or_else(
                        || "nobody".to_owned(),
                        |v| format!("{} {}", v.value.user, v.written_by_previous_key()),
                    )
                }),
            )
            .route(
                "/set",
                get(
                    |axum::extract::State(keys): axum::extract::State<Keyring>| async move {
                        let line = Session { user: "ada".into() }.to_set_cookie(&keys)?;
                        Ok::<_, typed_cookies::Error>((
                            SetCookies::new().add(line).remove::<Theme>(),
                            "ok",
                        ))
                    },
                ),
            )
            // The primary key of `keys()`, and a previous key that still reads.
            .with_state(State {
                keys: keys().with_previous(&[4; 32]).unwrap(),
            })
    }

    async fn call(uri: &str, cookie: Option<&str>) -> (StatusCode, Vec<String>, String) {
        let mut req = Request::get(uri);
        if let Some(c) = cookie {
            req = req.header(header::COOKIE, c);
        }
        let res = app()
            .oneshot(req.body(Body::empty()).unwrap())
            .await
            .unwrap();
        let status = res.status();
        let set: Vec<String> = res
            .headers()
            .get_all(header::SET_COOKIE)
            .iter()
            .map(|v| v.to_str().unwrap().to_owned())
            .collect();
        let body = axum::body::to_bytes(res.into_body(), 1 << 16)
            .await
            .unwrap();
        (status, set, String::from_utf8(body.to_vec()).unwrap())
    }

    #[tokio::test]
    async fn read_cookie_never_hands_a_forged_value_to_the_handler() {
        let keys = keys();
        assert_eq!(call("/read", None).await.2, "nobody");
        assert_eq!(call("/read", Some(&valid_pair(&keys))).await.2, "ada");
        assert_eq!(call("/read", Some(&forged_pair(&keys))).await.2, "nobody");
    }

    #[tokio::test]
    async fn require_cookie_answers_401_for_absent_and_forged() {
        let keys = keys();
        let (status, _, body) = call("/require", None).await;
        assert_eq!(
            (status, body.as_str()),
            (
                StatusCode::UNAUTHORIZED,
                "cookie `__Host-session` is missing or invalid"
            )
        );
        assert_eq!(
            call("/require", Some(&forged_pair(&keys))).await.0,
            StatusCode::UNAUTHORIZED
        );
        assert_eq!(
            call("/require", Some(&valid_pair(&keys))).await,
            (StatusCode::OK, vec![], "ada".to_owned())
        );
    }

    #[tokio::test]
    async fn read_verified_carries_the_metadata() {
        let keys = keys();
        assert_eq!(call("/verified", None).await.2, "nobody");
        assert_eq!(
            call("/verified", Some(&valid_pair(&keys))).await.2,
            "ada false"
        );
        assert_eq!(
            call("/verified", Some(&forged_pair(&keys))).await.2,
            "nobody"
        );
        // Written under the previous key of the app's ring: read, and flagged for re-writing.
        let old = Keyring::from_test_secret(&[4; 32]).unwrap();
        assert_eq!(
            call("/verified", Some(&valid_pair(&old))).await.2,
            "ada true"
        );
        // Under a key the ring does not hold at all: nothing.
        let stranger = Keyring::from_test_secret(&[3; 32]).unwrap();
        assert_eq!(
            call("/verified", Some(&valid_pair(&stranger))).await.2,
            "nobody"
        );
    }

    #[tokio::test]
    async fn set_cookies_are_response_parts() {
        let (status, set, body) = call("/set", None).await;
        assert_eq!((status, body.as_str()), (StatusCode::OK, "ok"));
        assert_eq!(set.len(), 2);
        assert!(set[0].starts_with("__Host-session="));
        assert_eq!(
            Session::from_header(pair(&set[0]), &keys()).unwrap(),
            Some(Session { user: "ada".into() })
        );
        assert_eq!(set[1], Theme::removal());
    }
}

/// axum 0.8 conventions: plain cookies in a `Router<()>`, `Option<RequireCookie<T>>`, and
/// `Error` as a response that blames the client for reads and the server for writes.
mod axum_conventions {
    use super::*;
    use axum::body::Body;
    use axum::http::{Request, StatusCode, header};
    use axum::response::IntoResponse;
    use axum::routing::get;
    use axum::{Router, extract::State};
    use tower::ServiceExt as _;

    async fn status_and_body(app: Router, uri: &str, cookie: Option<&str>) -> (StatusCode, String) {
        let mut req = Request::get(uri);
        if let Some(c) = cookie {
            req = req.header(header::COOKIE, c);
        }
        let res = app.oneshot(req.body(Body::empty()).unwrap()).await.unwrap();
        let status = res.status();
        let body = axum::body::to_bytes(res.into_body(), 1 << 16)
            .await
            .unwrap();
        (status, String::from_utf8(body.to_vec()).unwrap())
    }

    /// No keyring anywhere: a plain cookie reads in a `Router<()>`.
    #[tokio::test]
    async fn plain_cookies_need_no_keyring_in_state() {
        let app: Router<()> = Router::new()
            .route(
                "/theme",
                get(|ReadCookie(t): ReadCookie<Theme>| async move {
                    t.map_or_else(|| "none".to_owned(), |t| t.0)
                }),
            )
            .route(
                "/require",
                get(|RequireCookie(t): RequireCookie<Theme>| async move { t.0 }),
            );
        assert_eq!(
            status_and_body(app.clone(), "/theme", Some("theme=dark")).await,
            (StatusCode::OK, "dark".to_owned())
        );
        assert_eq!(
            status_and_body(app.clone(), "/theme", None).await,
            (StatusCode::OK, "none".to_owned())
        );
        assert_eq!(
            status_and_body(app, "/require", Some("theme=dark")).await,
            (StatusCode::OK, "dark".to_owned())
        );
    }

    #[tokio::test]
    async fn an_optional_required_cookie_is_none_when_absent_and_401_when_forged() {
        let keys = keys();
        let app = Router::new()
            .route(
                "/",
                get(|s: Option<RequireCookie<Session>>| async move {
                    s.map_or_else(|| "anonymous".to_owned(), |RequireCookie(s)| s.user)
                }),
            )
            .with_state(keys.clone());
        assert_eq!(
            status_and_body(app.clone(), "/", None).await,
            (StatusCode::OK, "anonymous".to_owned())
        );
        assert_eq!(
            status_and_body(app.clone(), "/", Some(&valid_pair(&keys))).await,
            (StatusCode::OK, "ada".to_owned())
        );
        assert_eq!(
            status_and_body(app, "/", Some(&forged_pair(&keys))).await.0,
            StatusCode::UNAUTHORIZED
        );
    }

    /// `from_header(..)?` in a handler: an attacker's cookie is the client's fault (401), a
    /// failed write is the server's (500).
    #[tokio::test]
    async fn read_errors_answer_401_and_write_errors_500() {
        let keys = keys();
        let app = Router::new()
            .route(
                "/read",
                get(
                    |State(keys): State<Keyring>, headers: axum::http::HeaderMap| async move {
                        Session::from_header(&headers, &keys)?;
                        Ok::<_, typed_cookies::Error>("read")
                    },
                ),
            )
            .with_state(keys.clone());
        assert_eq!(
            status_and_body(app.clone(), "/read", Some(&forged_pair(&keys))).await,
            (
                StatusCode::UNAUTHORIZED,
                "cookie missing or invalid".to_owned()
            )
        );
        assert_eq!(
            status_and_body(app, "/read", Some(&valid_pair(&keys))).await,
            (StatusCode::OK, "read".to_owned())
        );
        let write_error = typed_cookies::Error::TooLarge {
            len: 5000,
            max: 4096,
        };
        assert_eq!(
            write_error.into_response().status(),
            StatusCode::INTERNAL_SERVER_ERROR
        );
        for read_error in [
            typed_cookies::Error::Malformed,
            typed_cookies::Error::Invalid,
            typed_cookies::Error::Expired,
        ] {
            assert_eq!(
                read_error.into_response().status(),
                StatusCode::UNAUTHORIZED
            );
        }
    }
}

mod actix_integration {
    use super::*;
    use actix_web::http::StatusCode;
    use actix_web::{App, HttpResponse, test, web};

    async fn read(ReadCookie(s): ReadCookie<Session>) -> String {
        s.map_or_else(|| "nobody".to_owned(), |s| s.user)
    }

    async fn require(RequireCookie(s): RequireCookie<Session>) -> String {
        s.user
    }

    async fn verified(ReadVerified(s): ReadVerified<Session>) -> String {
        s.map_or_else(
            || "nobody".to_owned(),
            |v| format!("{} {}", v.value.user, v.written_by_previous_key()),
        )
    }

    async fn set(keys: web::Data<Keyring>) -> Result<HttpResponse, typed_cookies::Error> {
        let mut res = HttpResponse::Ok();
        SetCookies::new()
            .add(Session { user: "ada".into() }.to_set_cookie(&keys)?)
            .remove::<Theme>()
            .append_to(&mut res)?;
        Ok(res.finish())
    }

    #[actix_web::test]
    async fn extractors_and_set_cookies() {
        let keys = keys();
        let app = test::init_service(
            App::new()
                .app_data(web::Data::new(keys.clone()))
                .route("/read", web::get().to(read))
                .route("/require", web::get().to(require))
                .route("/verified", web::get().to(verified))
                .route("/set", web::get().to(set)),
        )
        .await;
        let get = |uri: &str, cookie: Option<String>| {
            let mut req = test::TestRequest::get().uri(uri);
            if let Some(c) = cookie {
                req = req.insert_header(("cookie", c));
            }
            req.to_request()
        };
        let body = |b: actix_web::web::Bytes| String::from_utf8(b.to_vec()).unwrap();
        assert_eq!(
            body(test::call_and_read_body(&app, get("/read", None)).await),
            "nobody"
        );
        assert_eq!(
            body(test::call_and_read_body(&app, get("/read", Some(valid_pair(&keys)))).await),
            "ada"
        );
        assert_eq!(
            body(test::call_and_read_body(&app, get("/read", Some(forged_pair(&keys)))).await),
            "nobody"
        );
        assert_eq!(
            test::call_service(&app, get("/require", None))
                .await
                .status(),
            StatusCode::UNAUTHORIZED
        );
        assert_eq!(
            test::call_service(&app, get("/require", Some(forged_pair(&keys))))
                .await
                .status(),
            StatusCode::UNAUTHORIZED
        );
        assert_eq!(
            body(test::call_and_read_body(&app, get("/require", Some(valid_pair(&keys)))).await),
            "ada"
        );
        let verified =
            |cookie: String| test::call_and_read_body(&app, get("/verified", Some(cookie)));
        assert_eq!(body(verified(valid_pair(&keys)).await), "ada false");
        assert_eq!(body(verified(forged_pair(&keys)).await), "nobody");
        let res = test::call_service(&app, get("/set", None)).await;
        let set: Vec<&str> = res
            .headers()
            .get_all("set-cookie")
            .map(|v| v.to_str().unwrap())
            .collect();
        assert_eq!(set.len(), 2);
        assert_eq!(
            Session::from_header(pair(set[0]), &keys).unwrap(),
            Some(Session { user: "ada".into() })
        );
        assert_eq!(set[1], Theme::removal());
    }

    #[actix_web::test]
    async fn a_missing_keyring_is_a_500_not_a_pass() {
        let app = test::init_service(App::new().route("/read", web::get().to(read))).await;
        let res =
            test::call_service(&app, test::TestRequest::get().uri("/read").to_request()).await;
        assert_eq!(res.status(), StatusCode::INTERNAL_SERVER_ERROR);
    }

    /// A plain cookie needs no keyring: an app without one reads it.
    #[actix_web::test]
    async fn plain_cookies_need_no_keyring() {
        async fn theme(ReadCookie(t): ReadCookie<Theme>) -> String {
            t.map_or_else(|| "none".to_owned(), |t| t.0)
        }
        let app = test::init_service(App::new().route("/theme", web::get().to(theme))).await;
        let req = test::TestRequest::get()
            .uri("/theme")
            .insert_header(("cookie", "theme=dark"))
            .to_request();
        let body = test::call_and_read_body(&app, req).await;
        assert_eq!(&body[..], b"dark");
    }

    /// `from_header(..)?` in a handler answers 401 for a forged cookie, not 500.
    #[actix_web::test]
    async fn read_errors_answer_401() {
        async fn handler(
            req: actix_web::HttpRequest,
            keys: web::Data<Keyring>,
        ) -> Result<String, typed_cookies::Error> {
            Ok(Session::from_header(&req, &keys)?.map_or_else(String::new, |s| s.user))
        }
        let keys = keys();
        let app = test::init_service(
            App::new()
                .app_data(web::Data::new(keys.clone()))
                .route("/", web::get().to(handler)),
        )
        .await;
        let req = test::TestRequest::get()
            .uri("/")
            .insert_header(("cookie", forged_pair(&keys)))
            .to_request();
        assert_eq!(
            test::call_service(&app, req).await.status(),
            StatusCode::UNAUTHORIZED
        );
        use actix_web::ResponseError as _;
        assert_eq!(
            typed_cookies::Error::Serialize.status_code(),
            StatusCode::INTERNAL_SERVER_ERROR
        );
    }
}

#[test]
fn rejections_name_their_source_and_set_cookies_hide_values() {
    use std::error::Error as _;
    let rejection = typed_cookies::CookieRejection::Invalid {
        name: "__Host-session",
        error: typed_cookies::Error::Expired,
    };
    assert_eq!(
        rejection.source().map(ToString::to_string),
        Some(typed_cookies::Error::Expired.to_string())
    );
    let keys = keys();
    let line = Session { user: "ada".into() }.to_set_cookie(&keys).unwrap();
    let value = common::value(&line).to_owned();
    let shown = format!("{:?}", SetCookies::new().add(line));
    assert!(!shown.contains(&value), "{shown}");
    assert!(shown.contains("__Host-session=…; Path=/"), "{shown}");
}

#[test]
fn cookie_crate_conversion_keeps_every_attribute() {
    #[derive(Cookie, Serialize, Deserialize)]
    #[cookie(
        name = "c",
        signed,
        expires = "1h",
        same_site = "strict",
        path = "/a",
        domain = "example.com",
        partitioned
    )]
    struct C(u8);
    let line = C(1).to_set_cookie(&keys()).unwrap();
    let c = typed_cookies::integrations::cookie::to_cookie(&line).unwrap();
    assert_eq!(c.name(), "c");
    assert_eq!(c.value(), common::value(&line));
    assert_eq!(c.path(), Some("/a"));
    assert_eq!(c.domain(), Some("example.com"));
    assert_eq!(c.max_age(), Some(cookie::time::Duration::hours(1)));
    assert!(c.expires_datetime().is_some());
    assert_eq!((c.secure(), c.http_only()), (Some(true), Some(true)));
    assert_eq!(c.same_site(), Some(cookie::SameSite::Strict));
    assert_eq!(c.partitioned(), Some(true));
}

/// The `testing` helpers, as a handler test uses them: a request header for a value, its
/// tampered and expired variants, and the typed value back from a response.
mod testing_helpers {
    use super::*;
    use axum::Router;
    use axum::body::Body;
    use axum::http::{Request, StatusCode, header};
    use axum::routing::get;
    use tower::ServiceExt as _;
    use typed_cookies::testing;

    fn app(keys: Keyring) -> Router {
        Router::new()
            .route(
                "/me",
                get(|RequireCookie(s): RequireCookie<Session>| async move { s.user }),
            )
            .route(
                "/login",
                get(
                    |axum::extract::State(keys): axum::extract::State<Keyring>| async move {
                        let line = Session { user: "ada".into() }.to_set_cookie(&keys)?;
                        Ok::<_, typed_cookies::Error>(SetCookies::new().add(line))
                    },
                ),
            )
            .with_state(keys)
    }

    async fn get_with(
        keys: &Keyring,
        uri: &str,
        cookie: Option<String>,
    ) -> axum::response::Response {
        let mut req = Request::get(uri);
        if let Some(c) = cookie {
            req = req.header(header::COOKIE, c);
        }
        app(keys.clone())
            .oneshot(req.body(Body::empty()).unwrap())
            .await
            .unwrap()
    }

    #[tokio::test]
    async fn a_handler_test_with_the_helpers() {
        let keys = keys();
        let ada = Session { user: "ada".into() };
        let ok = get_with(
            &keys,
            "/me",
            Some(testing::cookie_header(&ada, Some(&keys)).unwrap()),
        )
        .await;
        assert_eq!(ok.status(), StatusCode::OK);
        for bad in [
            testing::tampered_cookie_header(&ada, Some(&keys)).unwrap(),
            testing::expired_cookie_header(&ada, Some(&keys)).unwrap(),
        ] {
            assert_eq!(
                get_with(&keys, "/me", Some(bad)).await.status(),
                StatusCode::UNAUTHORIZED
            );
        }
        let res = get_with(&keys, "/login", None).await;
        let lines = testing::set_cookie_lines(res.headers());
        assert_eq!(
            testing::from_set_cookie::<Session, _>(&lines, Some(&keys)).unwrap(),
            Some(ada)
        );
    }

    #[test]
    fn from_set_cookie_checks_the_attributes_and_the_value() {
        let keys = keys();
        let line = Session { user: "ada".into() }.to_set_cookie(&keys).unwrap();
        // Another Path than the type declares: a mismatch, named.
        let moved = line.replace("; Path=/", "; Path=/admin");
        assert!(matches!(
            testing::from_set_cookie::<Session, _>(&[moved], Some(&keys)),
            Err(testing::Mismatch::Attributes(_))
        ));
        // A tampered value does not read.
        let (pair, attrs) = line.split_once(';').unwrap();
        let bad = format!("{}A;{attrs}", &pair[..pair.len() - 1]);
        let bad = if bad == line {
            format!("{}B;{attrs}", &pair[..pair.len() - 1])
        } else {
            bad
        };
        assert!(matches!(
            testing::from_set_cookie::<Session, _>(&[bad], Some(&keys)),
            Err(testing::Mismatch::Read(_))
        ));
        // A removal, or no line at all, is no value.
        assert_eq!(
            testing::from_set_cookie::<Session, _>(&[Session::removal()], Some(&keys)).unwrap(),
            None
        );
        assert_eq!(
            testing::from_set_cookie::<Session, String>(&[], Some(&keys)).unwrap(),
            None
        );
        // A plain cookie without keys.
        let theme = Theme("dark".into()).to_set_cookie().unwrap();
        assert_eq!(
            testing::from_set_cookie::<Theme, _>(&[theme], None).unwrap(),
            Some(Theme("dark".into()))
        );
    }
}

/// Another framework's cookie through the extractors: the secret from state (axum) or
/// `app_data` (actix-web); absent or forged reads as `None`, or answers 401 when required.
mod foreign_extractors {
    use super::*;
    use typed_cookies::interop::flask::FlaskSecret;
    use typed_cookies::interop::{ReadForeign, RequireForeign};

    #[derive(Cookie, Serialize, Deserialize, Debug, PartialEq, Clone)]
    #[cookie(name = "session", format = "flask", secure = false)]
    struct FlaskSession {
        user: String,
    }

    fn secret() -> FlaskSecret {
        FlaskSecret::new("the flask app's key")
    }

    fn cookie(secret: &FlaskSecret) -> String {
        pair(
            &FlaskSession { user: "ada".into() }
                .to_set_cookie(secret)
                .unwrap(),
        )
        .to_owned()
    }

    #[tokio::test]
    async fn axum_takes_the_secret_from_state() {
        use axum::Router;
        use axum::body::Body;
        use axum::http::{Request, StatusCode, header};
        use axum::routing::get;
        use tower::ServiceExt as _;

        let app = Router::new()
            .route(
                "/read",
                get(|ReadForeign(s): ReadForeign<FlaskSession>| async move {
                    s.map_or_else(|| "nobody".to_owned(), |s| s.user)
                }),
            )
            .route(
                "/require",
                get(|RequireForeign(s): RequireForeign<FlaskSession>| async move { s.user }),
            )
            .with_state(secret());
        let call = |uri: &'static str, cookie: Option<String>| {
            let app = app.clone();
            async move {
                let mut req = Request::get(uri);
                if let Some(c) = cookie {
                    req = req.header(header::COOKIE, c);
                }
                let res = app.oneshot(req.body(Body::empty()).unwrap()).await.unwrap();
                let status = res.status();
                let body = axum::body::to_bytes(res.into_body(), 1 << 10)
                    .await
                    .unwrap();
                (status, String::from_utf8_lossy(&body).into_owned())
            }
        };
        let good = cookie(&secret());
        let forged = cookie(&FlaskSecret::new("another key"));
        assert_eq!(call("/read", Some(good.clone())).await.1, "ada");
        assert_eq!(call("/read", Some(forged.clone())).await.1, "nobody");
        assert_eq!(call("/read", None).await.1, "nobody");
        assert_eq!(
            call("/require", Some(good)).await,
            (StatusCode::OK, "ada".into())
        );
        assert_eq!(
            call("/require", Some(forged)).await.0,
            StatusCode::UNAUTHORIZED
        );
        assert_eq!(call("/require", None).await.0, StatusCode::UNAUTHORIZED);
    }

    #[actix_web::test]
    async fn actix_takes_the_secret_from_app_data() {
        use actix_web::{App, test, web};
        async fn read(ReadForeign(s): ReadForeign<FlaskSession>) -> String {
            s.map_or_else(|| "nobody".to_owned(), |s| s.user)
        }
        async fn require(RequireForeign(s): RequireForeign<FlaskSession>) -> String {
            s.user
        }
        let app = test::init_service(
            App::new()
                .app_data(web::Data::new(secret()))
                .route("/read", web::get().to(read))
                .route("/require", web::get().to(require)),
        )
        .await;
        let get = |uri: &str, c: String| {
            test::TestRequest::get()
                .uri(uri)
                .insert_header(("cookie", c))
                .to_request()
        };
        let body = test::call_and_read_body(&app, get("/read", cookie(&secret()))).await;
        assert_eq!(&body[..], b"ada");
        let forged = cookie(&FlaskSecret::new("another key"));
        let body = test::call_and_read_body(&app, get("/read", forged.clone())).await;
        assert_eq!(&body[..], b"nobody");
        assert_eq!(
            test::call_service(&app, get("/require", forged))
                .await
                .status(),
            actix_web::http::StatusCode::UNAUTHORIZED
        );
        // Without the secret in app_data: a server error, not a pass.
        let bare = test::init_service(App::new().route("/read", web::get().to(read))).await;
        assert_eq!(
            test::call_service(&bare, get("/read", cookie(&secret())))
                .await
                .status(),
            actix_web::http::StatusCode::INTERNAL_SERVER_ERROR
        );
    }
}
