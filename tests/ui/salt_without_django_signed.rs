use serde::{Deserialize, Serialize};
use typed_cookies::Cookie;

#[derive(Cookie, Serialize, Deserialize)]
#[cookie(name = "session", format = "flask", salt = "ui")]
struct Session {
    user: String,
}

fn main() {}
