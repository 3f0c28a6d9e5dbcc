use serde::{Deserialize, Serialize};
use typed_cookies::Cookie;

#[derive(Cookie, Serialize, Deserialize)]
#[cookie(name = "__Host-session", expires = "2h")]
struct Session {
    user: String,
    admin: bool,
}

fn main() {}
