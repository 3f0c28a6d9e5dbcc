use serde::{Deserialize, Serialize};
use typed_cookies::Cookie;

#[derive(Cookie, Serialize, Deserialize)]
#[cookie(name = "s", sealed, expires = "1h", refresh = "2h")]
struct S(u8);

fn main() {}
