use serde::{Deserialize, Serialize};
use typed_cookies::Cookie;

#[derive(Cookie, Serialize, Deserialize)]
#[cookie(name = "s", plain, expires = "2h", refresh = "15m")]
struct S(u8);

fn main() {}
