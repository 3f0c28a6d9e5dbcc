//! The sealed standard session is shorter than the `cookie` crate's private-jar value for the
//! same data, although ours also carries the format version, key id, issued-at and expiry.

use serde::{Deserialize, Serialize};
use typed_cookies::{Cookie, Keyring};

#[derive(Cookie, Serialize, Deserialize)]
#[cookie(name = "session", sealed, expires = "2d")]
struct Session {
    user_id: u64,
    role: String,
    csrf: String,
}

fn value(line: &str) -> &str {
    line.split(';').next().unwrap().split_once('=').unwrap().1
}

#[test]
fn sealed_value_is_shorter_than_the_cookie_crates_private_value() {
    let session = Session {
        user_id: 42,
        role: "admin".into(),
        csrf: "q3Zp9xY2LmN8bV4cT1sR0w".into(),
    };
    let ours = session.to_set_cookie(&Keyring::generate()).unwrap();

    let key = cookie::Key::from(&[7u8; 64]);
    let mut jar = cookie::CookieJar::new();
    jar.private_mut(&key).add(cookie::Cookie::new(
        "session",
        serde_json::to_string(&session).unwrap(),
    ));
    let theirs = jar.get("session").unwrap().value().to_owned();

    // Ours: 22 header + 12 nonce + 30 postcard payload + 16 tag = 80 bytes, 107 base64url
    // characters. Theirs: 12 nonce + 61 bytes of JSON + 16 tag = 89 bytes, 120 base64
    // characters with padding.
    assert_eq!(value(&ours).len(), 107);
    assert_eq!(theirs.len(), 120);
    assert!(value(&ours).len() < theirs.len());
}
