use serde::{Deserialize, Serialize};
use typed_cookies::Cookie;

#[derive(Cookie, Serialize, Deserialize)]
#[cookie(name = "__Host-id", plain, domain = "example.com")]
struct S(u8);

fn main() {}
