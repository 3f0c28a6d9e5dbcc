use serde::Serialize;
use typed_cookies::Cookie;

#[derive(Cookie, Serialize)]
#[cookie(name = "s", signed)]
struct S {
    user_id: u64,
}

fn main() {}
