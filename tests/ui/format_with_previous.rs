use serde::{Deserialize, Serialize};
use typed_cookies::Cookie;

#[derive(Cookie, Serialize, Deserialize)]
#[cookie(name = "sessionid", format = "django")]
struct Old {
    user: String,
}

#[derive(Cookie, Serialize, Deserialize)]
#[cookie(name = "sessionid", format = "django", previous = Old)]
struct Session {
    user: String,
}

fn main() {}
