use serde::{Deserialize, Serialize};
use typed_cookies::Cookie;

#[derive(Cookie, Serialize, Deserialize)]
#[cookie(name = "__Host-login", signed)]
#[serde(tag = "t", content = "c")]
enum Login {
    Password(String),
    Token(u64),
}

fn main() {}
