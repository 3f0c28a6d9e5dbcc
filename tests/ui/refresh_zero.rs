use serde::{Deserialize, Serialize};
use typed_cookies::Cookie;

#[derive(Cookie, Serialize, Deserialize)]
#[cookie(name = "s", sealed, expires = "2h", refresh = "0m")]
struct S(u8);

fn main() {}
