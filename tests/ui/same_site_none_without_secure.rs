use serde::{Deserialize, Serialize};
use typed_cookies::Cookie;

#[derive(Cookie, Serialize, Deserialize)]
#[cookie(name = "s", plain, same_site = "none", secure = false)]
struct S(u8);

fn main() {}
