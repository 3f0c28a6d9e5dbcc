use serde::{Deserialize, Serialize};
use typed_cookies::Cookie;

#[derive(Cookie, Serialize, Deserialize)]
#[cookie(name = "s", sealed)]
struct S<T> {
    value: T,
}

fn main() {}
