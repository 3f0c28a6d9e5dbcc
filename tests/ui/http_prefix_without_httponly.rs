use serde::{Deserialize, Serialize};
use typed_cookies::Cookie;

#[derive(Cookie, Serialize, Deserialize)]
#[cookie(name = "__Http-id", plain, httponly = false)]
struct S(u8);

fn main() {}
