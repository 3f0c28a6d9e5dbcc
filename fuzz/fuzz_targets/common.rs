// Shared by the fuzz targets: the cookie types and a fixed keyring.
#![allow(dead_code)]

use serde::{Deserialize, Serialize};
use typed_cookies::{Cookie, Keyring};

#[derive(Cookie, Serialize, Deserialize, Debug, PartialEq)]
#[cookie(name = "session", sealed, expires = "2d")]
pub struct Sealed {
    pub user_id: u64,
    pub role: String,
    pub tags: Vec<String>,
    pub admin: Option<bool>,
}

#[derive(Cookie, Serialize, Deserialize, Debug, PartialEq)]
#[cookie(name = "session", signed, expires = "2d")]
pub struct Signed {
    pub user_id: u64,
    pub role: String,
    pub tags: Vec<String>,
    pub admin: Option<bool>,
}

#[derive(Cookie, Serialize, Deserialize, Debug, PartialEq)]
#[cookie(name = "theme", plain, httponly = false)]
pub struct Plain {
    pub mode: String,
    pub size: Option<u32>,
}

#[derive(Cookie, Serialize, Deserialize, Debug, PartialEq)]
#[cookie(name = "session", format = "flask", secure = false)]
pub struct FlaskSession {
    #[serde(rename = "_user_id")]
    pub user_id: String,
    #[serde(flatten)]
    pub rest: serde_json::Map<String, serde_json::Value>,
}

#[derive(Cookie, Serialize, Deserialize, Debug, PartialEq)]
#[cookie(name = "sessionid", format = "django", secure = false)]
pub struct DjangoSession {
    #[serde(rename = "_auth_user_id")]
    pub user_id: String,
    #[serde(flatten)]
    pub rest: serde_json::Map<String, serde_json::Value>,
}

#[derive(Cookie, Serialize, Deserialize, Debug, PartialEq)]
#[cookie(name = "user", format = "rails", secure = false, expires = "2d")]
pub struct RailsUser {
    pub id: u64,
    #[serde(flatten)]
    pub rest: serde_json::Map<String, serde_json::Value>,
}

/// Derived once: PBKDF2 per input would make the fuzzer a hundred times slower.
pub fn rails_secret() -> typed_cookies::interop::rails::RailsSecret {
    static SECRET: std::sync::OnceLock<typed_cookies::interop::rails::RailsSecret> =
        std::sync::OnceLock::new();
    SECRET
        .get_or_init(|| {
            typed_cookies::interop::rails::RailsSecret::new("fuzzing rails secret_key_base")
        })
        .clone()
}

pub fn flask_secret() -> typed_cookies::interop::flask::FlaskSecret {
    typed_cookies::interop::flask::FlaskSecret::new("fuzzing flask secret")
}

pub fn django_secret() -> typed_cookies::interop::django::DjangoSecret {
    typed_cookies::interop::django::DjangoSecret::new("fuzzing django secret")
}

pub fn keys() -> Keyring {
    Keyring::from_test_secret(b"fuzzing secret, fuzzing secret!!").unwrap()
}

/// The genuine cookie values the seed program wrote for this run, from the file named by
/// `TYPED_COOKIES_FUZZ_GENUINE` (`run.sh` sets it): lines of `signed VALUE` or `sealed VALUE`.
pub fn genuine(kind: &str) -> &'static [Vec<u8>] {
    use std::sync::OnceLock;
    static ALL: OnceLock<Vec<(String, Vec<u8>)>> = OnceLock::new();
    static SIGNED: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    static SEALED: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    static FLASK: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    static DJANGO: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    static RAILS: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    let all = ALL.get_or_init(|| {
        let path = std::env::var("TYPED_COOKIES_FUZZ_GENUINE").expect(
            "set TYPED_COOKIES_FUZZ_GENUINE to the seed program's genuine.txt (run.sh does)",
        );
        std::fs::read_to_string(&path)
            .expect("the seed program's genuine.txt is readable")
            .lines()
            .filter_map(|l| l.split_once(' '))
            .map(|(k, v)| (k.to_owned(), v.as_bytes().to_vec()))
            .collect()
    });
    let pick = |k: &str| {
        all.iter()
            .filter(|(kind, _)| kind == k)
            .map(|(_, v)| v.clone())
            .collect()
    };
    match kind {
        "signed" => SIGNED.get_or_init(|| pick("signed")),
        "flask" => FLASK.get_or_init(|| pick("flask")),
        "django" => DJANGO.get_or_init(|| pick("django")),
        "rails" => RAILS.get_or_init(|| pick("rails")),
        _ => SEALED.get_or_init(|| pick("sealed")),
    }
}

/// The oracle of the signed and sealed targets: every copy of `session` in `data` that verifies
/// on its own must be one of the genuine values, byte for byte (the scanner has already dropped
/// the quotes and surrounding whitespace a reader allows). A forged, tampered or re-encoded
/// value that verifies fails the run. Returns whether any copy verified.
pub fn only_genuine_values_verify(
    data: &[u8],
    kind: &str,
    verifies: impl Fn(&[u8]) -> bool,
) -> bool {
    only_genuine_values_of("session", data, kind, verifies)
}

/// [`only_genuine_values_verify`] for the cookie `name`.
pub fn only_genuine_values_of(
    name: &str,
    data: &[u8],
    kind: &str,
    verifies: impl Fn(&[u8]) -> bool,
) -> bool {
    use typed_cookies::CookieHeaders;
    let headers = [data];
    let mut any = false;
    // Every copy: a read verifies up to MAX_CANDIDATES well-formed ones, however many
    // malformed ones come first.
    for candidate in headers.cookie_values(name) {
        let mut one = format!("{name}=").into_bytes();
        one.extend_from_slice(candidate);
        if verifies(&one) {
            assert!(
                genuine(kind).iter().any(|g| g == candidate),
                "a {kind} value that the seed program did not write verified: {:?}",
                String::from_utf8_lossy(candidate)
            );
            any = true;
        }
    }
    any
}
