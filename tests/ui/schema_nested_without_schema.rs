use serde::{Deserialize, Serialize};
use typed_cookies::Cookie;

#[derive(Serialize, Deserialize)]
enum Role {
    User,
    Admin,
}

#[derive(Cookie, Serialize, Deserialize)]
#[cookie(name = "__Host-session", sealed)]
struct Session {
    user_id: u64,
    roles: Option<Vec<Role>>,
}

fn main() {}
