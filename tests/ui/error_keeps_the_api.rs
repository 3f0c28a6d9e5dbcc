use serde::{Deserialize, Serialize};
use typed_cookies::{Cookie, Keyring, ProtectedCookie};

// One mistake in the attribute; the uses below must not add errors of their own.
#[derive(Cookie, Serialize, Deserialize)]
#[cookie(name = "__Host-session", sealed, expires = "2 days")]
struct Session {
    user_id: u64,
}

fn protected<C: ProtectedCookie>() {}

fn handler(header: &str, keys: &Keyring) {
    protected::<Session>();
    let _ = Session::from_header_verified(header, keys);
    let _ = Session { user_id: 1 }.to_set_cookie(keys);
    let _ = (Session::COOKIE_NAME, Session::removal());
}

fn main() {}
