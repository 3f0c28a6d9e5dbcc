use serde::{Deserialize, Serialize};
use typed_cookies::Cookie;

#[derive(Cookie, Serialize, Deserialize)]
#[cookie(name = "__Host-id", plain, domain = "example.com", expires = "3y", same_site = "never")]
struct S(u8);

fn main() {}
