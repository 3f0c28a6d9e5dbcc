use serde::{Deserialize, Serialize};
use typed_cookies::Cookie;

#[derive(Cookie, Serialize, Deserialize)]
#[cookie(name = "s", sealed, refresh = "15m")]
struct S(u8);

fn main() {}
