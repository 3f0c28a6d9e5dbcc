use serde::{Deserialize, Serialize};
use typed_cookies::Cookie;

#[derive(Cookie, Serialize, Deserialize)]
#[cookie(name = "__Host-session", sealed, subject = "user_id")]
struct Session {
    user: u64,
}

fn main() {}
