use serde::{Deserialize, Serialize};
use typed_cookies::Cookie;

#[derive(Cookie, Serialize, Deserialize)]
#[cookie(name = "s", plain, domain = "exa_mple.com")]
struct S(u8);

fn main() {}
