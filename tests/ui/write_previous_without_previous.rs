use serde::{Deserialize, Serialize};
use typed_cookies::Cookie;

#[derive(Cookie, Serialize, Deserialize)]
#[cookie(name = "__Host-session", sealed, write_previous)]
struct Session {
    user_id: u64,
}

fn main() {}
