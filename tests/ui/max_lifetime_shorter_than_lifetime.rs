use serde::{Deserialize, Serialize};
use typed_cookies::Cookie;

#[derive(Cookie, Serialize, Deserialize)]
#[cookie(name = "s", signed, expires = "2d", max_lifetime = "1d")]
struct S(u8);

fn main() {}
