use serde::{Deserialize, Serialize};
use typed_cookies::Cookie;

#[derive(Cookie, Serialize, Deserialize)]
#[cookie(name = "user", format = "rails", signed)]
struct RailsUser {
    id: u64,
}

fn main() {}
