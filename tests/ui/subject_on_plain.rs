use serde::{Deserialize, Serialize};
use typed_cookies::Cookie;

#[derive(Cookie, Serialize, Deserialize)]
#[cookie(name = "theme", plain, subject = "user")]
struct Theme {
    user: String,
}

fn main() {}
