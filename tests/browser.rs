//! End to end in a real browser: the demo server, driven by headless Chromium through
//! chromedriver. Proves what the emitted `Set-Cookie` lines make a browser do: store and send
//! all three cookies, hide the HttpOnly ones from scripts, refuse a tampered session, refuse a
//! cross-site POST and a POST without the session's CSRF token, take a re-issued session in
//! place of one due for refresh, forget every session on "log out everywhere", and delete
//! everything on logout.
//!
//! Without chromium and chromedriver on the PATH the test says that it skipped; with `CI=true`
//! it fails instead (`.ci/run` installs both).

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};
use typed_cookies::{Keyring, TypedCookie as _};

/// The demo's own cookie types, to mint a session as the demo's server would have written it
/// twenty minutes ago.
#[allow(dead_code)]
#[path = "../examples/shared/mod.rs"]
mod shared;

mod common;

use common::examples::example_binary;
use common::net::{free_port, wait_for_port};

/// The secret the demo runs with in this test.
const SECRET: &str = "lVDWAa/2+v3DP66MptvfHV+gs+kuRNWp8pUsSYym/+U=";

/// Kills the child process when the test ends, however it ends.
struct Guard(Child);

impl Drop for Guard {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn on_path(program: &str) -> bool {
    Command::new(program)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok()
}

/// chromedriver, and a headless Chromium session with a profile of its own.
async fn chromium() -> (Guard, Client, PathBuf) {
    let driver_port = free_port();
    let driver = Guard(
        Command::new("chromedriver")
            .arg(format!("--port={driver_port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    wait_for_port(driver_port, "chromedriver", Duration::from_secs(30));
    let profile = std::env::temp_dir().join(format!("typed-cookies-chromium-{driver_port}"));
    let caps = json!({
        "goog:chromeOptions": {
            "binary": "/usr/bin/chromium",
            "args": [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
                format!("--user-data-dir={}", profile.display()),
            ]
        }
    });
    let caps = match caps {
        Value::Object(map) => map,
        _ => unreachable!(),
    };
    let connector = hyper_util::client::legacy::connect::HttpConnector::new();
    let client = ClientBuilder::new(connector)
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{driver_port}"))
        .await
        .expect("chromedriver session");
    (driver, client, profile)
}

/// Whether the browser test can run: chromium and chromedriver are on the PATH. Outside CI it
/// says loudly that it skipped; under `CI=true` it fails.
fn browser_available(test: &str) -> bool {
    if on_path("chromium") && on_path("chromedriver") {
        return true;
    }
    common::skip::skip(
        test,
        "chromium with chromedriver",
        "apt-get install chromium chromium-driver",
    );
    false
}

/// A Chrome DevTools protocol command, sent through chromedriver's `goog/cdp/execute`.
#[derive(Debug)]
struct Cdp {
    cmd: &'static str,
    params: Value,
}

impl fantoccini::wd::WebDriverCompatibleCommand for Cdp {
    fn endpoint(
        &self,
        base: &url::Url,
        session: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base.join(&format!(
            "session/{}/goog/cdp/execute",
            session.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        let body = json!({ "cmd": self.cmd, "params": self.params });
        (http::Method::POST, Some(body.to_string()))
    }
}

/// The text of the current page's body.
async fn body_text(c: &Client) -> String {
    c.find(Locator::Css("body"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

async fn whoami(c: &Client, base: &str) -> Value {
    c.goto(&format!("{base}/whoami")).await.unwrap();
    let text = body_text(c).await;
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("/whoami is not JSON ({e}): {text}"))
}

async fn cookie_names(c: &Client) -> Vec<String> {
    let mut names: Vec<String> = c
        .get_all_cookies()
        .await
        .unwrap()
        .iter()
        .map(|c| c.name().to_owned())
        .collect();
    names.sort();
    names
}

/// Clicks the element `#id`.
async fn click(c: &Client, id: &str) {
    c.find(Locator::Id(id))
        .await
        .unwrap_or_else(|e| panic!("#{id} is not on the page: {e}"))
        .click()
        .await
        .unwrap();
}

/// Types `user` into the login form at `url` (`#user`, `#login`) and waits for `#then`.
async fn log_in_at(c: &Client, url: &str, user: &str, then: &'static str) {
    c.goto(url).await.unwrap();
    c.find(Locator::Id("user"))
        .await
        .unwrap()
        .send_keys(user)
        .await
        .unwrap();
    click(c, "login").await;
    c.wait().for_element(Locator::Id(then)).await.unwrap();
}

async fn log_in(c: &Client, base: &str, user: &str) {
    log_in_at(c, &format!("{base}/"), user, "who").await;
}

/// `value` with the last byte of its raw form (inside the tag) flipped.
fn tamper(value: &str) -> String {
    use base64::Engine as _;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let mut raw = URL_SAFE_NO_PAD.decode(value).unwrap();
    let last = raw.len() - 1;
    raw[last] ^= 0x01;
    URL_SAFE_NO_PAD.encode(raw)
}

/// Places a cookie through CDP `Network.setCookie` as the server would have set it:
/// host-only, Secure, HttpOnly, Path=/.
async fn place(c: &Client, base: &str, name: &str, value: &str) {
    let set = Cdp {
        cmd: "Network.setCookie",
        params: json!({
            "name": name, "value": value, "url": format!("{base}/"),
            "path": "/", "secure": true, "httpOnly": true, "sameSite": "Lax",
        }),
    };
    let answer = c.issue_cmd(set).await.unwrap();
    assert_eq!(answer["success"], Value::Bool(true), "{answer}");
    assert_eq!(c.get_named_cookie(name).await.unwrap().value(), value);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn demo_in_headless_chromium() {
    if !browser_available("demo_in_headless_chromium") {
        return;
    }

    let app_port = free_port();
    let _app = Guard(
        Command::new(example_binary("demo"))
            .env("PORT", app_port.to_string())
            .env("TYPED_COOKIES_SECRET", SECRET)
            .stdout(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let (_driver, c, profile) = chromium().await;
    let base = format!("http://localhost:{app_port}");

    // Not logged in: no cookies, nothing decoded.
    c.goto(&format!("{base}/")).await.unwrap();
    assert!(cookie_names(&c).await.is_empty());
    assert_eq!(whoami(&c, &base).await["user"], Value::Null);

    // Log in: the browser stores all three cookies and sends them back.
    log_in(&c, &base, "ada").await;
    assert_eq!(cookie_names(&c).await, ["__Host-session", "prefs", "theme"]);
    let who = whoami(&c, &base).await;
    assert_eq!(who["user"], "ada", "{who}");
    assert_eq!(who["prefs"]["lang"], "en", "{who}");
    assert_eq!(who["theme"], "dark", "{who}");

    // Scripts see the plain cookie only.
    c.goto(&format!("{base}/")).await.unwrap();
    let script_view = c.execute("return document.cookie", vec![]).await.unwrap();
    let script_view = script_view.as_str().unwrap();
    assert!(script_view.contains("theme=dark"), "{script_view}");
    assert!(!script_view.contains("__Host-session"), "{script_view}");
    assert!(!script_view.contains("prefs"), "{script_view}");
    let shown = c
        .find(Locator::Id("js"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(shown, script_view);

    // A tampered session placed in the browser logs nobody in, and a tampered signed cookie
    // reads as absent. Each is changed in its authentication tag, the last bytes of the value,
    // so a server that skipped the tag check would accept it.
    let tampered = tamper(c.get_named_cookie("__Host-session").await.unwrap().value());
    place(&c, &base, "__Host-session", &tampered).await;
    let who = whoami(&c, &base).await;
    assert_eq!(
        who["user"],
        Value::Null,
        "a tampered session must not log anyone in: {who}"
    );
    assert_eq!(who["session"], Value::Null, "{who}");
    assert_eq!(
        who["prefs"]["lang"], "en",
        "the other cookies still read: {who}"
    );
    let tampered = tamper(c.get_named_cookie("prefs").await.unwrap().value());
    place(&c, &base, "prefs", &tampered).await;
    let who = whoami(&c, &base).await;
    assert_eq!(
        who["prefs"],
        Value::Null,
        "a tampered signed cookie must not read: {who}"
    );
    c.goto(&format!("{base}/")).await.unwrap();
    assert!(
        c.find(Locator::Id("login")).await.is_ok(),
        "the login form is shown again"
    );

    // Sessions in production: cross-site requests, CSRF tokens, refresh, log out everywhere.
    log_in(&c, &base, "ada").await;
    production_flows(&c, &base).await;

    // Log in again, then out: the browser deletes all three.
    log_in(&c, &base, "grace").await;
    assert_eq!(whoami(&c, &base).await["user"], "grace");
    c.goto(&format!("{base}/")).await.unwrap();
    click(&c, "logout").await;
    c.wait().for_element(Locator::Id("login")).await.unwrap();
    assert!(
        cookie_names(&c).await.is_empty(),
        "logout removes every cookie"
    );
    assert_eq!(whoami(&c, &base).await["user"], Value::Null);

    c.close().await.unwrap();
    let _ = std::fs::remove_dir_all(profile);
}

/// The `data-unix` time of the element `#id` on the current page.
async fn unix_of(c: &Client, id: &str) -> u64 {
    let el = c
        .find(Locator::Id(id))
        .await
        .unwrap_or_else(|e| panic!("#{id} is not on the page: {e}"));
    el.attr("data-unix")
        .await
        .unwrap()
        .unwrap()
        .parse()
        .unwrap()
}

fn now_secs() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

/// Logged in as ada: the page's times, the refusals, a refresh, and "log out everywhere".
async fn production_flows(c: &Client, base: &str) {
    // The page shows the session's times: refreshed 15 minutes after issue, over 7 days after
    // the login.
    c.goto(&format!("{base}/")).await.unwrap();
    let (login, issued) = (unix_of(c, "login-at").await, unix_of(c, "issued").await);
    assert_eq!(unix_of(c, "refresh").await, issued + 15 * 60);
    assert_eq!(unix_of(c, "ends").await, login + 7 * 86_400);
    assert!(now_secs() - login < 60, "logged in just now: {login}");

    // A form on another site that posts to the demo: refused before any handler runs, and
    // the session is untouched.
    let attack = format!(
        "data:text/html,<form method=post action='{base}/logout-everywhere'>\
         <input name=csrf_token value=guess><button id=go>win a prize</button></form>"
    );
    c.goto(&attack).await.unwrap();
    click(c, "go").await;
    c.wait()
        .for_url(&url::Url::parse(&format!("{base}/logout-everywhere")).unwrap())
        .await
        .unwrap();
    let refusal = body_text(c).await;
    assert!(
        refusal.contains("cross-origin request refused"),
        "a cross-site POST must be refused: {refusal}"
    );
    assert_eq!(whoami(c, base).await["user"], "ada");

    // From the demo's own origin but without the session's CSRF token, or with a wrong one:
    // refused with 403, the session untouched.
    c.goto(&format!("{base}/")).await.unwrap();
    let statuses = c
        .execute_async(
            r#"const done = arguments[arguments.length - 1];
               const post = (body) => fetch("/logout-everywhere", {
                   method: "POST",
                   headers: {"Content-Type": "application/x-www-form-urlencoded"},
                   body,
               }).then((r) => r.status);
               Promise.all([post(""), post("csrf_token=AAAAAAAAAAAAAAAAAAAAAA")]).then(done);"#,
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(statuses, json!([403, 403]));
    assert_eq!(whoami(c, base).await["user"], "ada");

    // A session last issued twenty minutes ago (as the demo would have written it then) is
    // due for refresh: the page's response issues it again, the browser keeps the new value,
    // and the login time stays.
    use base64::Engine as _;
    let secret = base64::engine::general_purpose::STANDARD
        .decode(SECRET)
        .unwrap();
    let keys = Keyring::from_secret(&secret).unwrap();
    let twenty_minutes_ago = std::time::SystemTime::now() - Duration::from_secs(20 * 60);
    let minted = shared::Session::SPEC
        .write_at(
            &shared::Session { user: "ada".into() },
            Some(&keys),
            twenty_minutes_ago,
        )
        .unwrap();
    let minted_value = minted
        .split(';')
        .next()
        .and_then(|p| p.split_once('='))
        .unwrap()
        .1
        .to_owned();
    place(c, base, "__Host-session", &minted_value).await;
    c.goto(&format!("{base}/")).await.unwrap();
    let then = now_secs() - 20 * 60;
    let login = unix_of(c, "login-at").await;
    assert!(login.abs_diff(then) <= 2, "login {login}, minted at {then}");
    let renewed = c.get_named_cookie("__Host-session").await.unwrap();
    assert_ne!(
        renewed.value(),
        minted_value,
        "the session was issued again"
    );
    c.goto(&format!("{base}/")).await.unwrap();
    assert_eq!(
        unix_of(c, "login-at").await,
        login,
        "the login time is kept"
    );
    assert!(now_secs() - unix_of(c, "issued").await < 60);

    // Log out everywhere: this browser's cookies go, and a copy of the session kept elsewhere
    // (another device, or a thief) no longer logs anyone in.
    let copy = renewed.value().to_owned();
    click(c, "logout-everywhere").await;
    c.wait().for_element(Locator::Id("login")).await.unwrap();
    assert!(
        cookie_names(c).await.is_empty(),
        "{:?}",
        cookie_names(c).await
    );
    place(c, base, "__Host-session", &copy).await;
    let who = whoami(c, base).await;
    assert_eq!(
        who["user"],
        Value::Null,
        "a revoked session logs nobody in: {who}"
    );
    place(c, base, "__Host-session", &minted_value).await;
    assert_eq!(whoami(c, base).await["user"], Value::Null);
    c.delete_all_cookies().await.unwrap();
}

/// A login shared with Flask: log in on the Flask app, the Rust page (another port, the same
/// host, so the same cookies) greets the user from Flask's session, logging out on the Rust
/// side makes Flask forget the user. Needs the Python of `TYPED_COOKIES_PYTHON` with Flask.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_login_shared_with_flask() {
    if !browser_available("a_login_shared_with_flask") {
        return;
    }
    let Some(python) = common::python::python("a_login_shared_with_flask") else {
        return;
    };
    let (flask_port, rust_port) = (free_port(), free_port());
    let flask_url = format!("http://127.0.0.1:{flask_port}/");
    let rust_url = format!("http://127.0.0.1:{rust_port}/");
    let secret = "a key the two apps share in this test";
    let _flask = Guard(
        Command::new(python)
            .arg(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/examples/flask_login/app.py"
            ))
            .env("PORT", flask_port.to_string())
            .env("FLASK_SECRET_KEY", secret)
            .env("RUST_URL", &rust_url)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let _rust = Guard(
        Command::new(example_binary("flask_shared"))
            .env("PORT", rust_port.to_string())
            .env("FLASK_SECRET_KEY", secret)
            .env("FLASK_URL", &flask_url)
            .stdout(Stdio::null())
            .spawn()
            .unwrap(),
    );
    wait_for_port(flask_port, "the Flask app", Duration::from_secs(30));
    wait_for_port(rust_port, "the Rust app", Duration::from_secs(30));
    let (_driver, c, profile) = chromium().await;
    let text = |id: &'static str| {
        let c = c.clone();
        async move {
            c.find(Locator::Id(id))
                .await
                .unwrap_or_else(|e| panic!("#{id} is not on the page: {e}"))
                .text()
                .await
                .unwrap()
        }
    };

    // Not logged in anywhere.
    c.goto(&rust_url).await.unwrap();
    assert_eq!(text("anonymous").await, "Rust: not logged in.");

    // Log in on Flask.
    log_in_at(&c, &flask_url, "ada", "greeting").await;
    assert_eq!(text("greeting").await, "Flask: hello, ada.");

    // The Rust page reads Flask's session.
    c.goto(&rust_url).await.unwrap();
    assert_eq!(
        text("greeting").await,
        "Rust: hello, ada, logged in on Flask."
    );

    // Log out on the Rust side: Flask forgets the user.
    click(&c, "logout").await;
    c.wait()
        .for_element(Locator::Id("anonymous"))
        .await
        .unwrap();
    c.goto(&flask_url).await.unwrap();
    assert_eq!(text("anonymous").await, "Flask: not logged in.");

    c.close().await.unwrap();
    let _ = std::fs::remove_dir_all(profile);
}
