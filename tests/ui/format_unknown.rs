use serde::{Deserialize, Serialize};
use typed_cookies::Cookie;

#[derive(Cookie, Serialize, Deserialize)]
#[cookie(name = "session", format = "express")]
struct Session {
    user: String,
}

fn main() {}
