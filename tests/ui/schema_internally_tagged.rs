use serde::{Deserialize, Serialize};
use typed_cookies::{Cookie, Schema};

#[derive(Schema, Serialize, Deserialize)]
#[serde(tag = "kind")]
enum Login {
    Password { user: String },
    Token { id: u64 },
}

#[derive(Cookie, Serialize, Deserialize)]
#[cookie(name = "__Host-session", sealed)]
struct Session {
    login: Login,
}

fn main() {}
