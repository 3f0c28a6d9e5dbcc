use serde::{Deserialize, Serialize};
use typed_cookies::Cookie;

#[derive(Cookie, Serialize, Deserialize)]
#[cookie(name = "session", format = "flask", sealed)]
struct FlaskSession {
    user: String,
}

fn main() {}
