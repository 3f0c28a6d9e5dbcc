use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use typed_cookies::Cookie;

#[derive(Cookie, Serialize, Deserialize)]
#[cookie(name = "__Host-session", sealed)]
struct Session {
    user_id: u64,
    #[serde(flatten)]
    rest: HashMap<String, String>,
}

fn main() {}
