//! Django's `signed_cookies` session and `set_signed_cookie` values, against Django itself
//! (5.2): both directions, fallback keys, the salt of the 2025 security releases and the one
//! before, and the attacks: tampered, another secret, another salt, expired.

mod common;

use common::pair;
use common::python::{python, run};
use serde::{Deserialize, Serialize};
use typed_cookies::interop::django::DjangoSecret;
use typed_cookies::{Cookie, Error};

const SECRET: &str = "django secret key for the interop tests";

#[derive(Cookie, Serialize, Deserialize, Debug, PartialEq)]
#[cookie(name = "sessionid", format = "django", secure = false)]
struct DjangoSession {
    #[serde(rename = "_auth_user_id")]
    user_id: String,
    #[serde(rename = "_auth_user_backend")]
    backend: String,
    #[serde(flatten)]
    rest: serde_json::Map<String, serde_json::Value>,
}

#[derive(Cookie, Serialize, Deserialize, Debug, PartialEq)]
#[cookie(name = "theme", format = "django-signed", salt = "ui", secure = false)]
struct SignedTheme(String);

const DJANGO: &str = r#"
import os, json
from django.conf import settings
settings.configure(SECRET_KEY=os.environ["KEY"],
    SECRET_KEY_FALLBACKS=[k for k in os.environ.get("FALLBACKS", "").split(",") if k],
    SIGNED_COOKIE_LEGACY_SALT_FALLBACK=os.environ.get("LEGACY", "1") == "1")
import django
django.setup()
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.core import signing
from django.http import HttpRequest, HttpResponse
"#;

fn django_session(py: &str, key: &str, big: bool) -> String {
    let script = format!(
        "{DJANGO}
s = SessionStore()
s['_auth_user_id'] = '42'
s['_auth_user_backend'] = 'django.contrib.auth.backends.ModelBackend'
s['_auth_user_hash'] = 'f00d'
s['cart'] = [1, 2, 3]
s['name'] = 'Zoë'
if {big}:
    s['padding'] = 'x' * 3000
s.save()
print(s.session_key)",
        big = if big { "True" } else { "False" }
    );
    run(py, &script, &[("KEY", key)])
}

#[test]
fn django_writes_rust_reads_changes_one_field_and_django_reads_it_all_back() {
    let Some(py) = python("django_sessions") else {
        return;
    };
    let secret = DjangoSecret::new(SECRET);
    for big in [false, true] {
        let value = django_session(&py, SECRET, big);
        if big {
            assert!(
                value.starts_with('.'),
                "zlib-compressed, marked by a dot: {value}"
            );
        }
        let header = format!("sessionid={value}");
        let mut session = DjangoSession::from_header(header.as_str(), &secret)
            .unwrap()
            .unwrap();
        assert_eq!(session.user_id, "42");
        assert_eq!(session.rest["_auth_user_hash"], "f00d");
        assert_eq!(session.rest["name"], "Zoë");

        session.user_id = "43".into();
        let line = session.to_set_cookie(&secret).unwrap();
        let value = pair(&line).split_once('=').unwrap().1.to_owned();
        let script = format!(
            "{DJANGO}
d = SessionStore(session_key=os.environ['VALUE']).load()
print(json.dumps(d, sort_keys=True))"
        );
        let back: serde_json::Value =
            serde_json::from_str(&run(&py, &script, &[("KEY", SECRET), ("VALUE", &value)]))
                .unwrap();
        assert_eq!(back["_auth_user_id"], "43");
        assert_eq!(
            back["_auth_user_backend"],
            "django.contrib.auth.backends.ModelBackend"
        );
        assert_eq!(back["_auth_user_hash"], "f00d");
        assert_eq!(back["cart"], serde_json::json!([1, 2, 3]));
        assert_eq!(
            back["name"], "Zoë",
            "non-ASCII survives Django's Latin-1 read"
        );
        assert_eq!(
            back["padding"].as_str().map_or(0, str::len),
            if big { 3000 } else { 0 }
        );
    }
}

#[test]
fn session_attacks_and_fallback_keys() {
    let Some(py) = python("django_session_attacks") else {
        return;
    };
    let value = django_session(&py, SECRET, false);
    let header = format!("sessionid={value}");
    assert_eq!(
        DjangoSession::from_header(header.as_str(), &DjangoSecret::new("another")),
        Err(Error::Invalid)
    );
    let mut tampered = value.clone().into_bytes();
    tampered[3] = if tampered[3] == b'A' { b'B' } else { b'A' };
    let tampered = format!("sessionid={}", String::from_utf8(tampered).unwrap());
    assert_eq!(
        DjangoSession::from_header(tampered.as_str(), &DjangoSecret::new(SECRET)),
        Err(Error::Invalid)
    );
    // SESSION_COOKIE_AGE, two weeks by default.
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let secret = DjangoSecret::new(SECRET);
    let read_at =
        |at: u64| typed_cookies::interop::read_at::<DjangoSession, _>(header.as_str(), &secret, at);
    assert!(read_at(now + 13 * 86_400).unwrap().is_some());
    assert_eq!(read_at(now + 15 * 86_400), Err(Error::Expired));
    // SECRET_KEY_FALLBACKS, both ways.
    let old = format!("sessionid={}", django_session(&py, "old key", false));
    let rotated = DjangoSecret::new(SECRET).with_fallbacks(["old key"]);
    let session = DjangoSession::from_header(old.as_str(), &rotated)
        .unwrap()
        .unwrap();
    let line = session
        .to_set_cookie(&DjangoSecret::new("old key"))
        .unwrap();
    let value = pair(&line).split_once('=').unwrap().1.to_owned();
    let script = format!(
        "{DJANGO}
print(SessionStore(session_key=os.environ['VALUE']).load().get('_auth_user_id', 'refused'))"
    );
    assert_eq!(
        run(&py, &script, &[("KEY", SECRET), ("VALUE", &value)]),
        "refused"
    );
    assert_eq!(
        run(
            &py,
            &script,
            &[("KEY", SECRET), ("FALLBACKS", "old key"), ("VALUE", &value)]
        ),
        "42"
    );
}

#[test]
fn signed_cookies_both_ways_with_both_salts() {
    let Some(py) = python("django_signed_cookies") else {
        return;
    };
    // Django writes with set_signed_cookie; Rust reads.
    let script = format!(
        "{DJANGO}
r = HttpResponse()
r.set_signed_cookie('theme', 'dark', salt='ui')
print(r.cookies['theme'].value)"
    );
    let value = run(&py, &script, &[("KEY", SECRET)]);
    let header = format!("theme={value}");
    let secret = DjangoSecret::new(SECRET);
    assert_eq!(
        SignedTheme::from_header(header.as_str(), &secret).unwrap(),
        Some(SignedTheme("dark".into()))
    );

    // Another salt, or the same value under another cookie name, fails.
    #[derive(Cookie, Serialize, Deserialize, Debug, PartialEq)]
    #[cookie(
        name = "theme",
        format = "django-signed",
        salt = "other",
        secure = false
    )]
    struct OtherSalt(String);
    assert_eq!(
        OtherSalt::from_header(header.as_str(), &secret),
        Err(Error::Invalid)
    );
    #[derive(Cookie, Serialize, Deserialize, Debug, PartialEq)]
    #[cookie(name = "mode", format = "django-signed", salt = "ui", secure = false)]
    struct Renamed(String);
    assert_eq!(
        Renamed::from_header(format!("mode={value}").as_str(), &secret),
        Err(Error::Invalid)
    );

    // Rust writes; Django reads with get_signed_cookie.
    let read = format!(
        "{DJANGO}
q = HttpRequest()
q.COOKIES['theme'] = os.environ['VALUE']
try:
    print(q.get_signed_cookie('theme', salt='ui'))
except signing.BadSignature:
    print('refused')"
    );
    let line = SignedTheme("light".into()).to_set_cookie(&secret).unwrap();
    let value = pair(&line).split_once('=').unwrap().1.to_owned();
    assert_eq!(
        run(&py, &read, &[("KEY", SECRET), ("VALUE", &value)]),
        "light"
    );

    // The salt before the 2025 security releases: Django reads it while its fallback is on;
    // Rust reads Django's legacy values and writes them on request.
    let legacy = DjangoSecret::new(SECRET).legacy_signed_cookies();
    let line = SignedTheme("legacy".into()).to_set_cookie(&legacy).unwrap();
    let value = pair(&line).split_once('=').unwrap().1.to_owned();
    assert_eq!(
        run(&py, &read, &[("KEY", SECRET), ("VALUE", &value)]),
        "legacy"
    );
    assert_eq!(
        run(
            &py,
            &read,
            &[("KEY", SECRET), ("LEGACY", "0"), ("VALUE", &value)]
        ),
        "refused"
    );
    let script = format!(
        "{DJANGO}
print(signing.get_cookie_signer(salt='theme' + 'ui').sign('old'))"
    );
    let value = run(&py, &script, &[("KEY", SECRET)]);
    let header = format!("theme={value}");
    assert_eq!(
        SignedTheme::from_header(header.as_str(), &secret).unwrap(),
        Some(SignedTheme("old".into()))
    );
    assert_eq!(
        SignedTheme::from_header(
            header.as_str(),
            &DjangoSecret::new(SECRET).no_legacy_salt_on_read()
        ),
        Err(Error::Invalid)
    );
}
