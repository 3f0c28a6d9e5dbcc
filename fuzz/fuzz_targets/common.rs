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
#[cookie(name = "theme", httponly = false)]
pub struct Plain {
    pub mode: String,
    pub size: Option<u32>,
}

pub fn keys() -> Keyring {
    Keyring::from_secret(b"fuzzing secret, fuzzing secret!!").unwrap()
}

/// The genuine cookie values the seed program wrote for this run, from the file named by
/// `TYPED_COOKIES_FUZZ_GENUINE` (`run.sh` sets it): lines of `signed VALUE` or `sealed VALUE`.
pub fn genuine(kind: &str) -> &'static [Vec<u8>] {
    use std::sync::OnceLock;
    static ALL: OnceLock<Vec<(String, Vec<u8>)>> = OnceLock::new();
    static SIGNED: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    static SEALED: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    let all = ALL.get_or_init(|| {
        let path = std::env::var("TYPED_COOKIES_FUZZ_GENUINE")
            .expect("set TYPED_COOKIES_FUZZ_GENUINE to the seed program's genuine.txt (run.sh does)");
        std::fs::read_to_string(&path)
            .expect("the seed program's genuine.txt is readable")
            .lines()
            .filter_map(|l| l.split_once(' '))
            .map(|(k, v)| (k.to_owned(), v.as_bytes().to_vec()))
            .collect()
    });
    let pick = |k: &str| all.iter().filter(|(kind, _)| kind == k).map(|(_, v)| v.clone()).collect();
    match kind {
        "signed" => SIGNED.get_or_init(|| pick("signed")),
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
    use typed_cookies::{CookieHeaders, MAX_CANDIDATES};
    let headers = [data];
    let mut any = false;
    for candidate in headers.cookie_values("session").take(MAX_CANDIDATES) {
        let mut one = b"session=".to_vec();
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
