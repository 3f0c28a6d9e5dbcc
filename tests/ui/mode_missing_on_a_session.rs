use serde::{Deserialize, Serialize};
use typed_cookies::{Cookie, Keyring};

#[derive(Cookie, Serialize, Deserialize)]
#[cookie(name = "__Host-session", expires = "2h", refresh = "15m", subject = "user")]
struct Session {
    user: String,
}

fn main() {
    let keys = Keyring::generate();
    let _ = Session { user: "ada".into() }.to_set_cookie(&keys);
}
