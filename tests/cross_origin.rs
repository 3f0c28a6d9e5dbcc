//! Cross-origin protection in axum and actix-web: the same table of requests, the same
//! answers, the edge cases of Go 1.25's `http.CrossOriginProtection`.

use typed_cookies::CrossOriginProtection;

/// Method, path, `Sec-Fetch-Site`, `Origin` and the expected status; the host is `shop.example`.
type Case = (
    &'static str,
    &'static str,
    Option<&'static str>,
    Option<&'static str>,
    u16,
);

const CASES: &[Case] = &[
    // Safe methods always pass.
    (
        "GET",
        "/",
        Some("cross-site"),
        Some("https://evil.example"),
        200,
    ),
    (
        "HEAD",
        "/",
        Some("cross-site"),
        Some("https://evil.example"),
        200,
    ),
    (
        "OPTIONS",
        "/",
        Some("cross-site"),
        Some("https://evil.example"),
        200,
    ),
    // Fetch metadata decides when present.
    ("POST", "/", Some("same-origin"), None, 200),
    ("POST", "/", Some("none"), None, 200),
    ("POST", "/", Some("same-site"), None, 403),
    ("POST", "/", Some("cross-site"), None, 403),
    ("PUT", "/", Some("cross-site"), None, 403),
    ("DELETE", "/", Some("cross-site"), None, 403),
    ("PATCH", "/", Some("cross-site"), None, 403),
    // Even with an Origin that matches: the browser said cross-site.
    (
        "POST",
        "/",
        Some("cross-site"),
        Some("https://shop.example"),
        403,
    ),
    // Without it, Origin against Host.
    ("POST", "/", None, Some("https://shop.example"), 200),
    ("POST", "/", None, Some("http://shop.example"), 200),
    ("POST", "/", None, Some("https://evil.example"), 403),
    ("POST", "/", None, Some("https://shop.example:8443"), 403),
    ("POST", "/", None, Some("null"), 403),
    // An empty Sec-Fetch-Site counts as missing.
    ("POST", "/", Some(""), Some("https://evil.example"), 403),
    // Neither header: not a browser.
    ("POST", "/", None, None, 200),
    // Trusted origins and bypassed paths.
    (
        "POST",
        "/",
        Some("cross-site"),
        Some("https://app.example"),
        200,
    ),
    ("POST", "/", None, Some("https://app.example"), 200),
    (
        "POST",
        "/hooks/stripe",
        Some("cross-site"),
        Some("https://evil.example"),
        200,
    ),
    (
        "POST",
        "/hooks",
        Some("cross-site"),
        Some("https://evil.example"),
        403,
    ),
    ("POST", "/health", Some("cross-site"), None, 200),
    ("POST", "/health/x", Some("cross-site"), None, 403),
];

fn protection() -> CrossOriginProtection {
    CrossOriginProtection::new()
        .trust_origin("https://app.example")
        .unwrap()
        .bypass("/hooks/")
        .bypass("/health")
}

#[tokio::test]
async fn axum_layer_answers_every_case() {
    use axum::Router;
    use axum::body::Body;
    use axum::http::Request;
    use axum::routing::any;
    use tower::ServiceExt as _;
    use typed_cookies::integrations::axum::CrossOriginLayer;

    let app: Router = Router::new()
        .route("/", any(|| async { "ok" }))
        .route("/{*rest}", any(|| async { "ok" }))
        .layer(CrossOriginLayer::new(protection()));
    for &(method, path, site, origin, want) in CASES {
        let mut req = Request::builder()
            .method(method)
            .uri(path)
            .header("host", "shop.example");
        if let Some(s) = site {
            req = req.header("sec-fetch-site", s);
        }
        if let Some(o) = origin {
            req = req.header("origin", o);
        }
        let res = app
            .clone()
            .oneshot(req.body(Body::empty()).unwrap())
            .await
            .unwrap();
        assert_eq!(
            res.status().as_u16(),
            want,
            "{method} {path} site={site:?} origin={origin:?}"
        );
        if want == 403 {
            let body = axum::body::to_bytes(res.into_body(), 1 << 10)
                .await
                .unwrap();
            assert!(
                String::from_utf8_lossy(&body).starts_with("cross-origin request refused"),
                "a clear reason in the body"
            );
        }
    }
}

#[actix_web::test]
async fn actix_middleware_answers_every_case() {
    use actix_web::{App, HttpResponse, test, web};
    use typed_cookies::integrations::actix_web::CrossOrigin;

    let app = test::init_service(
        App::new()
            .wrap(CrossOrigin::new(protection()))
            .default_service(web::to(|| async { HttpResponse::Ok().body("ok") })),
    )
    .await;
    for &(method, path, site, origin, want) in CASES {
        let mut req = test::TestRequest::default()
            .method(actix_web::http::Method::from_bytes(method.as_bytes()).unwrap())
            .uri(path)
            .insert_header(("host", "shop.example"));
        if let Some(s) = site {
            req = req.insert_header(("sec-fetch-site", s));
        }
        if let Some(o) = origin {
            req = req.insert_header(("origin", o));
        }
        let res = test::call_service(&app, req.to_request()).await;
        assert_eq!(
            res.status().as_u16(),
            want,
            "{method} {path} site={site:?} origin={origin:?}"
        );
    }
}
