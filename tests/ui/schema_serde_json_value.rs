use serde::{Deserialize, Serialize};
use typed_cookies::Cookie;

#[derive(Cookie, Serialize, Deserialize)]
#[cookie(name = "__Host-session", sealed)]
struct Session {
    user_id: u64,
    extra: serde_json::Value,
}

fn main() {}
