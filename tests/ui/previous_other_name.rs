use serde::{Deserialize, Serialize};
use typed_cookies::Cookie;

#[derive(Cookie, Serialize, Deserialize)]
#[cookie(name = "sid", sealed)]
struct SessionV1 {
    user_id: u64,
}

#[derive(Cookie, Serialize, Deserialize)]
#[cookie(name = "__Host-session", sealed, previous = SessionV1)]
struct Session {
    user_id: u64,
    admin: bool,
}

impl From<SessionV1> for Session {
    fn from(old: SessionV1) -> Self {
        Session { user_id: old.user_id, admin: false }
    }
}

fn main() {}
